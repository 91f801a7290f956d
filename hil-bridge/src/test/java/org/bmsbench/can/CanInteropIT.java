package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.hil.host.PtyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bms-bench's CAN buses against an independent implementation: Debian's python-can ({@code python3-can},
 * {@code python3-serial}, run by {@code /usr/bin/python3}, not a pyenv one) and can-utils' {@code log2asc}. Over
 * a socat pty pair python-can's slcan interface is the host and {@code slcan-device:} the adapter; our own
 * {@code slcan:} host talks to the same device; logs go both ways. Every wait is a deadline for a busy machine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CanInteropIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheTools() throws Exception {
        assertThat(PtyPair.available()).as("socat must be installed (apt-get install socat)").isTrue();
        Process check = new ProcessBuilder(PYTHON, "-c", "import can, serial").redirectErrorStream(true).start();
        assertThat(check.waitFor()).as("python-can must be installed for " + PYTHON
                + " (apt-get install python3-can python3-serial)").isZero();
        Process log2asc = new ProcessBuilder("sh", "-c", "command -v log2asc").start();
        assertThat(log2asc.waitFor()).as("log2asc must be installed (apt-get install can-utils)").isZero();
    }

    private Path script() throws IOException {
        Path script = dir.resolve("python_can_peer.py");
        try (InputStream in = CanInteropIT.class.getResourceAsStream("python_can_peer.py")) {
            Files.copy(in, script);
        }
        return script;
    }

    private static List<String> run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " said:\n" + output).isZero();
        return output.lines().toList();
    }

    private static List<String> receive(CanBus bus, int count) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        CanFrame frame = new CanFrame();
        long deadline = System.nanoTime() + DEADLINE_NS;
        while (frames.size() < count && System.nanoTime() < deadline) {
            if (bus.receive(frame)) {
                frames.add(frame.toString());
            } else {
                Thread.sleep(5);
            }
        }
        return frames;
    }

    @Test
    void shouldCarryFramesBothWaysBetweenPythonCanAndOurAdapter() throws Exception {
        try (PtyPair pty = new PtyPair(dir.resolve("adapter"), dir.resolve("host"));
                CanBus adapter = CanBuses.open("slcan-device:" + pty.a)) {
            // the adapter's port is open before python-can writes its C, S6 and O (opening flushes the line)
            Process python = new ProcessBuilder(PYTHON, script().toString(), "slcan-host", pty.b.toString())
                    .redirectErrorStream(true).start();

            assertThat(receive(adapter, 2)).containsExactly("123#DEADBEEF", "18FF50E5#0102030405060708");
            assertThat(((SlcanDeviceBus) adapter).channelOpen()).isTrue();
            adapter.send(CanFrame.of(0x321, "0102"));

            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("RX 321#0102");
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(adapter.counters().malformed()).isZero();
        }
    }

    @Test
    void shouldCarryFramesBetweenOurHostAndOurAdapterOverAPty() throws Exception {
        try (PtyPair pty = new PtyPair(dir.resolve("adapter"), dir.resolve("host"));
                CanBus adapter = CanBuses.open("slcan-device:" + pty.a);
                CanBus host = CanBuses.open("slcan:" + pty.b + "@250000")) {
            awaitOpen(host, adapter);
            host.send(CanFrame.of(0x1ABCDEF0, "AABB"));
            adapter.send(CanFrame.of(0x7FF, "01"));

            assertThat(receive(adapter, 1)).containsExactly("1ABCDEF0#AABB");
            assertThat(receive(host, 1)).containsExactly("7FF#01");
            assertThat(host.counters().malformed()).isZero();
            assertThat(host.counters().errorReports()).isZero();
        }
    }

    @Test
    void shouldSetTheAdapterUpAgainWhenThePortComesBack() throws Exception {
        Path adapterPath = dir.resolve("adapter");
        Path hostPath = dir.resolve("host");
        PtyPair pty = new PtyPair(adapterPath, hostPath);
        CanBus adapter = CanBuses.open("slcan-device:" + adapterPath); // first: opening flushes what waits
        try (CanBus host = CanBuses.open("slcan:" + hostPath + "@500000")) {
            awaitOpen(host, adapter);
            adapter.close();
            pty.close(); // the adapter unplugged: both ends of the line are gone

            long deadline = System.nanoTime() + DEADLINE_NS;
            while (host.isUp() && System.nanoTime() < deadline) {
                host.receive(new CanFrame());
                Thread.sleep(5);
            }
            assertThat(host.isUp()).as("the host noticed the port went away").isFalse();

            try (PtyPair again = new PtyPair(adapterPath, hostPath);
                    CanBus returned = CanBuses.open("slcan-device:" + adapterPath)) {
                awaitOpen(host, returned); // the host sent C, S6, O again to the new adapter
                host.send(CanFrame.of(0x100, "01"));
                assertThat(receive(returned, 1)).containsExactly("100#01");
                assertThat(host.counters().reopened()).isEqualTo(1);
            }
        }
    }

    /** Pumps both ends until the adapter's channel is open (the host's C, S, O have arrived). */
    private static void awaitOpen(CanBus host, CanBus adapter) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NS;
        CanFrame ignored = new CanFrame();
        while (!((SlcanDeviceBus) adapter).channelOpen() && System.nanoTime() < deadline) {
            host.receive(ignored);
            adapter.receive(ignored);
            Thread.sleep(5);
        }
        assertThat(((SlcanDeviceBus) adapter).channelOpen()).as("the adapter's channel opened").isTrue();
    }

    @Test
    void shouldWriteLogsThatPythonCanAndLog2ascRead() throws Exception {
        Path log = dir.resolve("bench.log");
        try (CandumpWriter writer = new CandumpWriter(log)) {
            long timeNs = 1_700_000_000_000_000_000L;
            writer.write(CanFrame.of(0x123, "DEADBEEF"), timeNs);
            writer.write(CanFrame.of(0x18FF50E5, "0102030405060708"), timeNs + 10_000_000);
            writer.write(new CanFrame().setRemote(0x7FF, false, 0), timeNs + 20_000_000);
            writer.write(CanFrame.of(0x000, ""), timeNs + 30_000_000);
        }

        assertThat(run(PYTHON, script().toString(), "read-log", log.toString()))
                .containsExactly("123#DEADBEEF", "18FF50E5#0102030405060708", "7FF#R0", "000#");

        Path asc = dir.resolve("bench.asc");
        run("log2asc", "-I", log.toString(), "-O", asc.toString(), "can0");
        List<String> rows = Files.readAllLines(asc).stream().filter(row -> row.contains(" Rx ")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains("123").contains("DE AD BE EF");
        assertThat(rows.get(1)).contains("18FF50E5x");
    }

    @Test
    void shouldReadALogThatPythonCanWrote() throws Exception {
        Path log = dir.resolve("python.log");
        run(PYTHON, script().toString(), "write-log", log.toString());

        List<String> frames = new ArrayList<>();
        CanFrame frame = new CanFrame();
        try (CandumpReader reader = new CandumpReader(log)) {
            while (reader.next(frame)) {
                frames.add(frame + " @" + frame.timestampNs());
            }
        }
        assertThat(frames).containsExactly("321#CAFE @1700000000250000000", "1ABCDEF0#00112233 @1700000000500000000",
                "7FF#R0 @1700000001000000000");
    }
}
