package org.bmsbench.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto broker on a loopback port of its own, started and killed by the test. */
final class Mosquitto implements AutoCloseable {
    final int port;
    private final Path config;
    private Process process;

    Mosquitto(Path dir) throws IOException, InterruptedException {
        this(dir, "allow_anonymous true\n", true);
    }

    /** A broker with more configuration lines; started now or by {@link #start()} later. */
    Mosquitto(Path dir, String extraConfig, boolean startNow) throws IOException, InterruptedException {
        port = EmbeddedBroker.freePort();
        config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\npersistence false\n" + extraConfig);
        if (startNow) {
            start();
        }
    }

    /** Debian puts the broker in /usr/sbin, which a non-root PATH may lack. */
    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not start on port " + port);
    }

    /** Kills the broker at once (SIGKILL): retained messages and sessions are gone with it. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    static boolean available() {
        try {
            return new ProcessBuilder(binary(), "-h").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
