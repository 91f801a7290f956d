package org.bmsbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.sensor.CanBoardEmulator;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatedBoard;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.transport.SerialLink;
import org.bmsbench.port.Measurements;
import org.bmsbench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A scenario's simulated pack, in real time, behind the serial HIL protocol ({@code docs/hil-protocol.md}) or as
 * sensors on a CAN bus ({@code docs/can.md}).
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Emulate a pack's hardware in real time: the scenario's pack (cells, AFE, contactors, its"
                + " faults on their timeline) as a cell-monitoring board on a serial port (--port: the HIL protocol;"
                + " the scenario starts when a host says HELLO, its vehicle requests go to the host), or as the"
                + " devices on a CAN bus (--can: foxBMS's AFE_CellVoltages and AFE_CellTemperatures, an IVT-S, an"
                + " iso165C and the bench's I/O node; the scenario starts with the BMS's first coil command, and its"
                + " vehicle talks to the BMS on the same bus in the --can-profile messages)."})
final class EmulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PATH", description = "The serial port, e.g. /dev/ttyUSB0.")
    private String port;

    @Mixin
    private CanOptions canOptions;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file.")
    private Path scenarioFile;

    @Option(names = "--baud", defaultValue = "921600", paramLabel = "N",
            description = "Baud rate (default: ${DEFAULT-VALUE}).")
    private int baud;

    @Option(names = "--afe-round-ms", defaultValue = "0", paramLabel = "MS",
            description = "With --can: the least time between two rounds of AFE frames (default: every conversion's,"
                    + " 10 ms; a 96-cell pack then takes some 75 %% of a 500 kbit/s bus). The BMS's"
                    + " acquisition.stale_after_ms must be longer.")
    private int afeRoundMs;

    @Option(names = "--max-s", defaultValue = "86400", paramLabel = "S",
            description = "Give up after this long, waiting included (default: ${DEFAULT-VALUE}).")
    private double maxS;

    @Override
    public Integer call() throws InterruptedException {
        canOptions.check();
        if (afeRoundMs < 0) {
            throw new IllegalArgumentException("--afe-round-ms must be 0 or more, got " + afeRoundMs);
        }
        if ((port != null) == canOptions.enabled()) {
            throw new IllegalArgumentException("give the board's serial port with --port or the CAN bus with --can,"
                    + " one of the two");
        }
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        PrintWriter out = spec.commandLine().getOut();
        return port != null ? serial(scenario, out) : can(scenario, out);
    }

    private int serial(Scenario scenario, PrintWriter out) throws InterruptedException {
        SerialLink link = new SerialLink(port, baud);
        if (!link.isUp()) {
            throw new IllegalArgumentException(link.lastProblem());
        }
        BoardEmulator emulator = new BoardEmulator(scenario, link);
        out.printf(Locale.ROOT, "emulating %s (%d cells) on %s at %d baud; waiting for a host%n", scenario.name(),
                emulator.plant().measurements().cellChannelCount(), port, baud);
        EmulatorRun run = run(emulator, out);
        FrameDecoder d = emulator.decoder();
        out.printf(Locale.ROOT, "%s; %d frames sent, %d received; errors: %d crc, %d stuffing, %d oversized, %d short,"
                        + " %d version; port lost %d times; %d bytes not sent (nobody reading)%n",
                run.finished() ? "scenario ended" : "stopped", emulator.framesSent(), d.frames(),
                d.crcErrors(), d.stuffingErrors(), d.oversized(), d.tooShort(), d.versionErrors(), link.losses(),
                link.droppedBytes());
        link.close();
        return 0;
    }

    private int can(Scenario scenario, PrintWriter out) throws InterruptedException {
        CanBus bus = canOptions.open();
        CanBoardEmulator emulator;
        try {
            emulator = new CanBoardEmulator(scenario, bus, canOptions.canProfile().id(), afeRoundMs * 1_000_000L);
        } catch (IllegalArgumentException e) {
            bus.close();
            throw e;
        }
        Measurements m = emulator.plant().measurements();
        out.printf(Locale.ROOT, "emulating %s on CAN bus %s: an AFE (%d cells, %d temperature sensors, %d boards),"
                        + " an IVT-S, an iso165C and the I/O node; the vehicle in the %s profile; waiting for a BMS%n",
                scenario.name(), bus.address(), m.cellChannelCount(), m.temperatureSensorCount(), m.boardCount(),
                canOptions.profile);
        EmulatorRun run = run(emulator, out);
        out.printf(Locale.ROOT, "%s; %d device frames sent, %d commands received, %d refused; the vehicle sent %d"
                        + " frames and read %d; CAN %s: %s%n", run.finished() ? "scenario ended" : "stopped",
                emulator.framesSent(), emulator.commandsReceived(), emulator.malformed(),
                emulator.vehicle().framesSent(), emulator.vehicle().framesReceived(), bus.address(), bus.counters());
        emulator.close();
        return 0;
    }

    /** Runs the board in real time on its own thread, printing the events, until its scenario ends or Ctrl-C. */
    private EmulatorRun run(EmulatedBoard board, PrintWriter out) throws InterruptedException {
        EmulatorRun run = new EmulatorRun(board);
        Thread thread = new Thread(() -> run.run(Math.round(maxS * 1e9), IdleStrategy.parkThenSpin()), "emulator");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stop();
            join(thread);
        }));
        out.flush();
        thread.start();
        int printed = 0;
        while (thread.isAlive()) {
            thread.join(200);
            printed = EventLines.print(out, board.events(), printed);
        }
        EventLines.print(out, board.events(), printed);
        return run;
    }

    private static void join(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
