package org.bmsbench.mqtt;

import java.nio.file.Path;

/**
 * How a bench talks MQTT ({@code docs/mqtt.md}).
 *
 * @param brokerUrl          {@code tcp://host:port} or {@code ssl://host:port}
 * @param username           null for none
 * @param password           null for none
 * @param caFile             the CA certificate (PEM) an {@code ssl://} broker is checked against; null: the JVM's
 * @param statusPeriodMs     how often {@code status} is published
 * @param cellsPeriodMs      how often {@code cells} is published
 * @param allowRemoteControl whether commands that can close contactors or inject faults are obeyed
 * @param haDiscovery        whether Home Assistant discovery configs are published
 */
public record MqttSettings(String brokerUrl, String username, String password, Path caFile, long statusPeriodMs,
                           long cellsPeriodMs, boolean allowRemoteControl, boolean haDiscovery) {
    public MqttSettings {
        if (!brokerUrl.startsWith("tcp://") && !brokerUrl.startsWith("ssl://")) {
            throw new IllegalArgumentException("MQTT broker URL must start with tcp:// or ssl://, got '" + brokerUrl
                    + "'");
        }
        if (statusPeriodMs < 10 || cellsPeriodMs < 10) {
            throw new IllegalArgumentException("MQTT publishing rates must be 100 Hz or slower");
        }
        if (caFile != null && !brokerUrl.startsWith("ssl://")) {
            throw new IllegalArgumentException("a CA file is for an ssl:// broker, got " + brokerUrl);
        }
    }

    /** The defaults for a broker: status at 10 Hz, cells at 1 Hz, no remote control, no discovery. */
    public static MqttSettings of(String brokerUrl) {
        return new MqttSettings(brokerUrl, null, null, null, 100, 1000, false, false);
    }

    public MqttSettings withRemoteControl(boolean value) {
        return new MqttSettings(brokerUrl, username, password, caFile, statusPeriodMs, cellsPeriodMs, value,
                haDiscovery);
    }
}
