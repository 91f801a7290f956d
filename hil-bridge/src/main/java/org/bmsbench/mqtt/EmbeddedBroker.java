package org.bmsbench.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * An MQTT broker in the process (Moquette) on 127.0.0.1, for a bench started without a broker URL: no
 * persistence, no telemetry to Moquette's makers, anonymous clients, a free port. A client that connects with an
 * empty client id and a clean session (MQTT 3.1.1 3.1.3.1, as {@code mosquitto_sub} may) is given one.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /** Starts a broker on a free loopback port. */
    public static EmbeddedBroker start() {
        return start(freePort());
    }

    /** Starts a broker on {@code port} of 127.0.0.1. */
    public static EmbeddedBroker start(int port) {
        EmbeddedBroker broker = new EmbeddedBroker(port);
        Properties p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(256 * 1024));
        try {
            broker.server.startServer(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded MQTT broker on port " + port, e);
        }
        return broker;
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
