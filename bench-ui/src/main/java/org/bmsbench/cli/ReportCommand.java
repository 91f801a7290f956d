package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bmsbench.report.RunFolder;
import org.bmsbench.report.RunIndex;
import org.bmsbench.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Builds the HTML reports of a run folder again, from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Build the HTML report of every scenario in a run folder (what bmsbench run wrote: summary.json,"
                + " events.csv, series.csv and, from run --trace, trace.csv for the charts) and its index.html."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The folder bmsbench run wrote (run --out; runs by default).")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such folder");
        }
        // the last run's scenarios, as its manifest names them (an older run's leftovers are not that run's)
        List<Path> candidates = RunFolder.manifest(dir).orElse(null);
        if (candidates == null) {
            try (Stream<Path> children = Files.list(dir)) {
                candidates = children.toList();
            }
        }
        List<Path> folders = candidates.stream().filter(p -> Files.exists(p.resolve("summary.json"))).sorted().toList();
        if (folders.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no scenario results in it (folders with a summary.json)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<RunReport.Entry> entries = new ArrayList<>();
        for (Path folder : folders) {
            RunReport.Entry entry = RunReport.write(folder);
            entries.add(entry);
            out.println((entry.passed() ? "pass " : "FAIL ") + folder.resolve("report.html"));
        }
        out.println("index: " + RunIndex.write(dir, entries));
        return 0;
    }
}
