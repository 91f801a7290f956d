package org.bmsbench.cli;

import java.io.PrintWriter;
import org.bmsbench.mqtt.EmbeddedBroker;
import org.bmsbench.mqtt.MqttBench;
import org.bmsbench.mqtt.MqttSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The MQTT options {@code run} and {@code hil} share ({@code docs/mqtt.md}). */
final class MqttOptions implements AutoCloseable {
    private static final String EMBEDDED = "embedded";

    @Option(names = "--mqtt", arity = "0..1", fallbackValue = EMBEDDED, paramLabel = "URL",
            description = {"Publish telemetry and take commands over MQTT (docs/mqtt.md).",
                // a line of its own: a wrapped line may break a URL after its colon
                "URL: tcp://host:port or ssl://host:port; without one, an embedded broker on 127.0.0.1 (its URL"
                        + " printed)."})
    private String url;

    @Mixin
    private MqttLoginOptions login;

    @Option(names = "--status-hz", defaultValue = "10", paramLabel = "HZ",
            description = "Status messages a second (default: ${DEFAULT-VALUE}).")
    private double statusHz;

    @Option(names = "--cells-hz", defaultValue = "1", paramLabel = "HZ",
            description = "Per-cell messages a second (default: ${DEFAULT-VALUE}).")
    private double cellsHz;

    @Option(names = "--allow-remote-control", description = "Obey MQTT commands that can close the contactors or"
            + " inject faults (request_state normal, inject_fault); refused otherwise.")
    private boolean allowRemoteControl;

    @Option(names = "--ha-discovery", description = "Publish Home Assistant discovery configs: sensors, the faults"
            + " and the contactors (docs/mqtt.md); removed when the run ends unless --ha-keep.")
    private boolean haDiscovery;

    @Option(names = "--ha-prefix", paramLabel = "PREFIX", description = "With --ha-discovery: Home Assistant's"
            + " discovery prefix (default: " + MqttSettings.HA_DEFAULT_PREFIX + ").")
    private String haPrefix;

    @Option(names = "--ha-keep", description = "With --ha-discovery: leave the discovery configs on the broker when"
            + " the run ends, so the entities stay in Home Assistant.")
    private boolean haKeep;

    private EmbeddedBroker broker;

    boolean enabled() {
        return url != null;
    }

    /**
     * The settings, starting the embedded broker when no URL was given; with a URL, the login and the ACL are
     * checked first, publishing a probe under {@code packId}'s topics.
     */
    MqttSettings settings(PrintWriter out, String packId) {
        if (!(statusHz > 0 && statusHz <= 100) || !(cellsHz > 0 && cellsHz <= 100)) {
            throw new IllegalArgumentException("--status-hz and --cells-hz must be above 0 and at most 100");
        }
        MqttBench.checkPackId(packId);
        if (!haDiscovery && (haPrefix != null || haKeep)) {
            throw new IllegalArgumentException("--ha-prefix and --ha-keep need --ha-discovery");
        }
        String brokerUrl = url;
        if (EMBEDDED.equals(url)) {
            broker = EmbeddedBroker.start();
            brokerUrl = broker.url();
            out.println("mqtt: embedded broker at " + brokerUrl);
            out.flush();
        }
        MqttSettings settings = login.applyTo(new MqttSettings(brokerUrl, null, null, null,
                Math.round(1000 / statusHz), Math.round(1000 / cellsHz), allowRemoteControl,
                haDiscovery ? (haPrefix != null ? haPrefix : MqttSettings.HA_DEFAULT_PREFIX) : null, haKeep));
        if (broker == null) { // a broker of the user's: a refused login stops here (exit 2), not in silence later
            String unreachable = MqttBench.checkLogin(settings, packId);
            if (unreachable != null) {
                out.println("mqtt: " + unreachable + "; the run goes on and telemetry follows once it connects");
                out.flush();
            }
        }
        return settings;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
