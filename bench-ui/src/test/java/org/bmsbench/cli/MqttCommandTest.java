package org.bmsbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmsbench run --mqtt} and {@code ui}: bad options exit 2 (MqttCommandIT publishes to brokers). */
class MqttCommandTest {
    private static final String SCENARIO = "../hil-bridge/src/test/resources/scenarios/hil-overvoltage.yaml";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseBadMqttOptions() {
        Console url = new Console();
        assertThat(url.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "http://broker")).isEqualTo(2);
        assertThat(url.err.toString())
                .contains("MQTT broker URL must start with tcp:// or ssl://, got 'http://broker'");
        Console rate = new Console();
        assertThat(rate.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1", "--status-hz",
                "0")).isEqualTo(2);
        assertThat(rate.err.toString()).contains("--status-hz and --cells-hz must be above 0");
        Console pack = new Console();
        assertThat(pack.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1", "--pack-id",
                "a/b")).isEqualTo(2);
        assertThat(pack.err.toString()).contains("pack id must be");
        Console keep = new Console();
        assertThat(keep.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1", "--ha-keep"))
                .isEqualTo(2);
        assertThat(keep.err.toString()).contains("--ha-prefix and --ha-keep need --ha-discovery");
        Console prefix = new Console();
        assertThat(prefix.run("run", SCENARIO, "--out", dir.toString(), "--mqtt", "tcp://127.0.0.1:1",
                "--ha-discovery", "--ha-prefix", "home/+")).isEqualTo(2);
        assertThat(prefix.err.toString()).contains("the Home Assistant discovery prefix must be topic levels of"
                + " letters, digits, '-' or '_' separated by '/', got 'home/+'");
    }

    @Test
    void shouldCheckTheLoginOptionsOfUiBeforeLookingForADisplay() {
        Console ca = new Console();
        assertThat(ca.run("ui", "--mqtt", "ssl://127.0.0.1:1", "--pack", "p", "--mqtt-ca",
                dir.resolve("missing.crt").toString())).isEqualTo(2);
        assertThat(ca.err.toString()).contains("--mqtt-ca " + dir.resolve("missing.crt") + ": no such file");
        Console tcp = new Console();
        assertThat(tcp.run("ui", "--mqtt", "tcp://127.0.0.1:1", "--pack", "p", "--mqtt-ca", SCENARIO))
                .isEqualTo(2);
        assertThat(tcp.err.toString()).contains("a CA file is for an ssl:// broker, got tcp://127.0.0.1:1");
        Console password = new Console();
        assertThat(password.run("ui", "--mqtt", "tcp://127.0.0.1:1", "--pack", "p", "--mqtt-user", "bench",
                "--mqtt-password-env", "BMSBENCH_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_')))
                .isEqualTo(2);
        assertThat(password.err.toString()).contains("--mqtt-password-env: BMSBENCH_TEST_UNSET_").contains("is not set");
    }
}
