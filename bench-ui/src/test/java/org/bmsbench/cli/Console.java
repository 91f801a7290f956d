package org.bmsbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code bmsbench} commands in-process, keeping what they print on standard output and error. */
final class Console {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The exit code of {@code bmsbench args...}, with the bench's own error handling. */
    int run(String... args) {
        CommandLine commandLine = BmsBench.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
