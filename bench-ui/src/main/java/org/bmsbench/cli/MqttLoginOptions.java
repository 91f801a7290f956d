package org.bmsbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.mqtt.MqttSettings;
import picocli.CommandLine.Option;

/** How to log in to a broker: the options every command that talks MQTT shares ({@code docs/mqtt.md}). */
final class MqttLoginOptions {
    @Option(names = "--mqtt-user", paramLabel = "NAME", description = "MQTT user name.")
    private String user;

    @Option(names = "--mqtt-password-env", paramLabel = "VAR", description = "The environment variable that holds"
            + " the MQTT password (kept off the command line).")
    private String passwordEnv;

    @Option(names = "--mqtt-ca", paramLabel = "FILE", description = "CA certificate (PEM) for an ssl:// broker.")
    private Path ca;

    /** {@code settings} with this login, after checking that the CA file and the password are there. */
    MqttSettings applyTo(MqttSettings settings) {
        if (ca != null && !Files.isReadable(ca)) {
            throw new IllegalArgumentException("--mqtt-ca " + ca + ": no such file");
        }
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new IllegalArgumentException("--mqtt-password-env: " + passwordEnv + " is not set");
            }
        }
        return settings.withLogin(user, password, ca);
    }
}
