package org.bmsbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code bmsbench} commands in-process, keeping what they print on standard output and error. */
public final class Console {
    public final StringWriter out = new StringWriter();
    public final StringWriter err = new StringWriter();

    /** The exit code of {@code bmsbench args...}, with the bench's own error handling. */
    public int run(String... args) {
        CommandLine commandLine = BmsBench.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
