package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.DecodedFrames;
import org.bmsbench.can.dbc.DbcReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Decodes a live bus: one line per frame received, its signals with their units, until {@code --count} frames
 * or {@code --seconds} have passed (or Ctrl-C); then the bus's counters on standard error.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Decode a live CAN bus with a DBC file: one line per frame, signal=value unit.")
final class CanDumpCommand implements Callable<Integer> {
    /** How long to wait when nothing has arrived: a console tool, not the tick. */
    private static final long IDLE_MS = 1;

    @Parameters(index = "0", paramLabel = "BUS", description = "The bus: " + CanBuses.FORMS + ".")
    private String address;

    @Option(names = "--dbc", required = true, paramLabel = "FILE",
            description = "The DBC file that decodes the frames.")
    private Path dbc;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N frames (default: never).")
    private long count = Long.MAX_VALUE;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: never).")
    private double seconds = Double.POSITIVE_INFINITY;

    @Option(names = "--can-log", paramLabel = "FILE", description = "Also keep the frames as a candump -L log, to"
            + " decode again later (can decode) or give to can-utils and python-can.")
    private Path log;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (count < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("--count and --seconds must be positive");
        }
        DecodedFrames frames = new DecodedFrames(DbcReader.read(dbc));
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        long end = Double.isInfinite(seconds) ? Long.MAX_VALUE : start + (long) (seconds * 1e9);
        try (CanBus bus = CanOptions.open(address, log)) {
            CanFrame frame = new CanFrame();
            long shown = 0;
            while (shown < count && System.nanoTime() < end) {
                if (!bus.receive(frame)) {
                    Thread.sleep(IDLE_MS);
                    continue;
                }
                if (!frames.isKnown(frame)) {
                    bus.counters().countUnknownId();
                }
                out.println(frames.line(frame, frame.timestampNs()));
                out.flush();
                shown++;
            }
            spec.commandLine().getErr().println(bus.address() + ": " + bus.counters());
        }
        return 0;
    }
}
