package org.bmsbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.transport.SerialLink;
import org.bmsbench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A scenario's simulated pack behind the serial HIL protocol, in real time ({@code docs/hil-protocol.md}). */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Emulate a cell-monitoring board on a serial port: the scenario's pack (cells, AFE,"
                + " contactors, its faults on their timeline) behind the HIL protocol, in real time. The scenario"
                + " starts when a host says HELLO; its vehicle requests go to the host."})
final class EmulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PATH", description = "The serial port, e.g. /dev/ttyUSB0.")
    private String port;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file.")
    private Path scenarioFile;

    @Option(names = "--baud", defaultValue = "921600", paramLabel = "N",
            description = "Baud rate (default: ${DEFAULT-VALUE}).")
    private int baud;

    @Option(names = "--max-s", defaultValue = "86400", paramLabel = "S",
            description = "Give up after this long, waiting included (default: ${DEFAULT-VALUE}).")
    private double maxS;

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        PrintWriter out = spec.commandLine().getOut();
        SerialLink link = new SerialLink(port, baud);
        if (!link.isUp()) {
            throw new IllegalArgumentException(link.lastProblem());
        }
        EmulatorRun run = new EmulatorRun(new BoardEmulator(scenario, link));
        Thread thread = new Thread(() -> run.run(Math.round(maxS * 1e9), IdleStrategy.parkThenSpin()), "emulator");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stop();
            join(thread);
        }));
        out.printf(Locale.ROOT, "emulating %s (%d cells) on %s at %d baud; waiting for a host%n", scenario.name(),
                run.emulator().plant().measurements().cellChannelCount(), port, baud);
        out.flush();
        thread.start();
        int printed = 0;
        while (thread.isAlive()) {
            thread.join(200);
            printed = EventLines.print(out, run.emulator().events(), printed);
        }
        EventLines.print(out, run.emulator().events(), printed);
        FrameDecoder d = run.emulator().decoder();
        out.printf(Locale.ROOT, "%s; %d frames sent, %d received; errors: %d crc, %d stuffing, %d oversized, %d short,"
                        + " %d version; port lost %d times; %d bytes not sent (nobody reading)%n",
                run.finished() ? "scenario ended" : "stopped", run.emulator().framesSent(), d.frames(),
                d.crcErrors(), d.stuffingErrors(), d.oversized(), d.tooShort(), d.versionErrors(), link.losses(),
                link.droppedBytes());
        link.close();
        return 0;
    }

    private static void join(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
