package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.bmsbench.can.dbc.DbcException;
import org.bmsbench.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bmsbench} command line. Exit codes: 0 done, 1 the run failed its checks, 2 bad input (or a file
 * that cannot be written).
 */
@Command(name = "bmsbench",
        mixinStandardHelpOptions = true,
        versionProvider = BmsBench.Version.class,
        description = "Battery-pack BMS simulator and hardware-in-the-loop test bench.",
        subcommands = {RunCommand.class, FitCommand.class, ValidateCommand.class, PlantCommand.class,
            EmulateCommand.class, HilCommand.class, PortsCommand.class, ReportCommand.class, UiCommand.class,
            JitterCommand.class, CanCommand.class,
            CommandLine.HelpCommand.class})
public final class BmsBench {
    /** Exit code for input the bench cannot use: a bad file, option or value. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the bench's error handling: a clear message and exit code 2, no stack trace. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BmsBench());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ConfigException || exception instanceof DbcException
                    || exception instanceof IllegalArgumentException
                    || exception instanceof IOException || exception instanceof UncheckedIOException) {
                PrintWriter err = cmd.getErr();
                err.println("bmsbench: " + exception.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw exception;
        });
        return commandLine;
    }

    /** The version from the jar's manifest (the Maven project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BmsBench.class.getPackage().getImplementationVersion();
            return new String[] {"bmsbench " + (version == null ? "(development build)" : version)
                    + " on Java " + Runtime.version()};
        }
    }
}
