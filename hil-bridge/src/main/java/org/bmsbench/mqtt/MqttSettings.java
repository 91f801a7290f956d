package org.bmsbench.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

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
 * @param haPrefix           the Home Assistant discovery prefix the configs are published under; null for no
 *                           discovery
 * @param haKeep             whether the discovery configs stay on the broker after the run (else they are removed)
 */
public record MqttSettings(String brokerUrl, String username, String password, Path caFile, long statusPeriodMs,
                           long cellsPeriodMs, boolean allowRemoteControl, String haPrefix, boolean haKeep) {
    /** Home Assistant's own discovery prefix. */
    public static final String HA_DEFAULT_PREFIX = "homeassistant";
    /** One or more topic levels, no wildcards, no empty level. */
    private static final Pattern HA_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

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
        if (haPrefix != null && !HA_PREFIX.matcher(haPrefix).matches()) {
            throw new IllegalArgumentException("the Home Assistant discovery prefix must be topic levels of letters,"
                    + " digits, '-' or '_' separated by '/', got '" + haPrefix + "'");
        }
        if (haKeep && haPrefix == null) {
            throw new IllegalArgumentException("keeping the Home Assistant discovery configs needs discovery");
        }
    }

    /** The defaults for a broker: status at 10 Hz, cells at 1 Hz, no remote control, no discovery. */
    public static MqttSettings of(String brokerUrl) {
        return new MqttSettings(brokerUrl, null, null, null, 100, 1000, false, null, false);
    }

    /** These settings with a login and a CA file (each may be null for none). */
    public MqttSettings withLogin(String user, String secret, Path ca) {
        return new MqttSettings(brokerUrl, user, secret, ca, statusPeriodMs, cellsPeriodMs, allowRemoteControl,
                haPrefix, haKeep);
    }

    /** Puts the login and, with a CA file, a socket factory that trusts that CA into connect options. */
    public void applyLogin(MqttConnectOptions options) {
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        if (caFile != null) {
            options.setSocketFactory(trustingCa());
        }
    }

    private SocketFactory trustingCa() {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(caFile + ": not a usable CA certificate (" + e.getMessage() + ")");
        }
    }

    public MqttSettings withRemoteControl(boolean value) {
        return new MqttSettings(brokerUrl, username, password, caFile, statusPeriodMs, cellsPeriodMs, value,
                haPrefix, haKeep);
    }

    /** These settings with Home Assistant discovery under {@code prefix}, removed at the end unless {@code keep}. */
    public MqttSettings withHomeAssistant(String prefix, boolean keep) {
        return new MqttSettings(brokerUrl, username, password, caFile, statusPeriodMs, cellsPeriodMs,
                allowRemoteControl, prefix, keep);
    }

    /** Whether Home Assistant discovery configs are published. */
    public boolean haDiscovery() {
        return haPrefix != null;
    }
}
