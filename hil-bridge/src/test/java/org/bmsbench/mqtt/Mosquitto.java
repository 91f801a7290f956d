package org.bmsbench.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker on a loopback port of its own, started and killed by the test. Shared with bench-ui's
 * command tests (hil-bridge's test jar).
 */
public final class Mosquitto implements AutoCloseable {
    public final int port;
    private final Path config;
    private Process process;

    public Mosquitto(Path dir) throws IOException, InterruptedException {
        this(dir, "allow_anonymous true\n", true);
    }

    /** A broker with more configuration lines; started now or by {@link #start()} later. */
    public Mosquitto(Path dir, String extraConfig, boolean startNow) throws IOException, InterruptedException {
        port = EmbeddedBroker.freePort();
        config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\npersistence false\n" + extraConfig);
        if (startNow) {
            start();
        }
    }

    /**
     * A password file in {@code dir} for the users given as name, password, name, password... (mosquitto_passwd),
     * for a {@code password_file} line of the configuration.
     */
    public static Path passwordFile(Path dir, String... namesAndPasswords) throws IOException, InterruptedException {
        Path file = dir.resolve("passwords");
        for (int k = 0; k + 1 < namesAndPasswords.length; k += 2) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("mosquitto_passwd", "-b"));
            if (k == 0) {
                command.add("-c");
            }
            command.addAll(java.util.List.of(file.toString(), namesAndPasswords[k], namesAndPasswords[k + 1]));
            Process passwd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!passwd.waitFor(30, TimeUnit.SECONDS) || passwd.exitValue() != 0) {
                throw new IOException("mosquitto_passwd failed for " + namesAndPasswords[k]);
            }
        }
        return file;
    }

    /** Debian puts the broker in /usr/sbin, which a non-root PATH may lack. */
    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a deadline for a busy machine
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
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    public static boolean available() {
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
