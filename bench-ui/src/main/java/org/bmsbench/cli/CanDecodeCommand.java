package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.CandumpReader;
import org.bmsbench.can.DecodedFrames;
import org.bmsbench.can.dbc.DbcReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes a candump log: one line per frame, its signals with their units; a bad line is exit 2 with file:line. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a candump -L log with a DBC file: one line per frame, signal=value unit.")
final class CanDecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOG", description = "The candump -L log.")
    private Path log;

    @Option(names = "--dbc", required = true, paramLabel = "FILE",
            description = "The DBC file that decodes the frames.")
    private Path dbc;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DecodedFrames frames = new DecodedFrames(DbcReader.read(dbc));
        PrintWriter out = spec.commandLine().getOut();
        long total = 0;
        long unknown = 0;
        try (CandumpReader reader = new CandumpReader(log)) {
            CanFrame frame = new CanFrame();
            while (reader.next(frame)) {
                out.println(frames.line(frame, frame.timestampNs()));
                total++;
                unknown += frames.isKnown(frame) ? 0 : 1;
            }
            spec.commandLine().getErr().printf("%s: %d frames, %d not in the DBC, %d error frames%n", log, total,
                    unknown, reader.errorFrames());
        }
        return 0;
    }
}
