package org.bmsbench.can.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.hil.host.PtyPair;
import org.bmsbench.scenario.CoSimulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BMS on a CAN bus against a vehicle written with an independent implementation, Debian's python-can (its
 * slcan interface, run by {@code /usr/bin/python3}), over a socat pty pair: python-can is the slcan host, the
 * BMS's {@code slcan-device:} end the adapter. The simulated pack and the firmware run on the wall clock. What
 * is asserted is what the BMS guarantees whatever the machine's load: the request closes the contactors, the
 * messages keep their cycle times (the median interval: a stalled loop sends late, never in bursts), and the
 * silence raises VEHICLE_COMMUNICATION_LOSS.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PythonVehicleIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final double SEND_S = 6;
    private static final double SILENT_S = 3;

    @TempDir
    Path dir;

    @Test
    void shouldCloseOnPythonsRequestSendAtCycleTimesAndRaiseTheLossWhenItStops() throws Exception {
        assertThat(PtyPair.available()).as("socat must be installed (apt-get install socat)").isTrue();
        Path script = dir.resolve("python_vehicle.py");
        try (InputStream in = PythonVehicleIT.class.getResourceAsStream("python_vehicle.py")) {
            Files.copy(in, script);
        }
        CoSimulation simulation = CoSimulation.of(ScenarioFiles.parse(ConfigNode.parse("it.yaml", """
                name: it
                start: standby
                pack: {series: 12, initial: {soc: 0.5}}
                simulation: {duration_s: 600}
                expect:
                  - {state: normal, by_s: 600}
                """), Path.of(".")), new ArrayList<>());
        try (PtyPair pty = new PtyPair(dir.resolve("bms"), dir.resolve("vehicle"));
                CanBus bus = CanBuses.open("slcan-device:" + pty.a)) {
            BmsCanNode node = new BmsCanNode(CanProfile.BMSBENCH, simulation.firmware(), bus);
            simulation.setTickObserver(node);
            Process python = new ProcessBuilder(PYTHON, script.toString(), pty.b.toString(), "" + SEND_S,
                    "" + SILENT_S).redirectErrorStream(true).start();
            boolean normal = false;
            long origin = System.nanoTime();
            long tickNs = 0;
            while (python.isAlive() && System.nanoTime() - origin < TimeUnit.SECONDS.toNanos(120)) {
                long nowNs = System.nanoTime() - origin;
                while (tickNs <= nowNs) {
                    simulation.tickAt(tickNs);
                    tickNs += 1_000_000L;
                }
                normal |= simulation.firmware().state() == BmsState.NORMAL;
                LockSupport.parkNanos(200_000);
            }
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            List<String> lines = output.lines().toList();

            assertThat(normal).as("NORMAL on the vehicle's request; python said:\n" + output).isTrue();
            assertThat(simulation.firmware().diagnosis().isRaised(FaultId.VEHICLE_COMMUNICATION_LOSS,
                    FaultLevel.FATAL)).as(output).isTrue();
            assertThat(lines).as(output).contains("state sending 2 silent 4"); // NORMAL, then ERROR
            assertThat(medianMs(lines, 0x300)).as(output).isBetween(95.0, 105.0); // BmsStatus, 100 ms
            assertThat(medianMs(lines, 0x301)).as(output).isBetween(95.0, 105.0); // BmsPackValues, 100 ms
            assertThat(medianMs(lines, 0x304)).as(output).isBetween(950.0, 1050.0); // temperature extremes, 1 s
            assertThat(medianMs(lines, 0x310)).as(output).isBetween(9.0, 11.0); // a cell-voltage frame, 10 ms
        }
    }

    private static double medianMs(List<String> lines, int id) {
        String prefix = String.format("id 0x%03X ", id);
        return lines.stream().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(l.indexOf("median_ms ") + "median_ms ".length()))).findFirst().orElse(-1);
    }
}
