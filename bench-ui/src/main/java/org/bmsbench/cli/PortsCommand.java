package org.bmsbench.cli;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Lists the serial ports a board can be on: what jSerialComm enumerates (USB-serial adapters, built-in UARTs),
 * the stable {@code /dev/serial/by-id} names of USB adapters (the same adapter keeps its name whatever ttyUSB
 * number it gets), and the pseudo-terminals that are open (socat pairs), which no enumeration lists.
 */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the serial ports (USB-serial adapters by their stable /dev/serial/by-id names, built-in"
                + " UARTs, open pseudo-terminals such as socat's) a board can be on.")
final class PortsCommand implements Callable<Integer> {
    private static final Path BY_ID = Path.of("/dev/serial/by-id");
    private static final Path PTYS = Path.of("/dev/pts");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int listed = 0;
        for (SerialPort port : SerialPort.getCommPorts()) {
            out.printf(Locale.ROOT, "%-40s %s (%s)%n", port.getSystemPortPath(), port.getDescriptivePortName(),
                    port.getPortDescription());
            listed++;
        }
        for (Path link : entries(BY_ID)) {
            out.printf(Locale.ROOT, "%-40s -> %s%n", link, resolved(link));
            listed++;
        }
        for (Path pty : entries(PTYS)) {
            if (pty.getFileName().toString().matches("\\d+")) {
                out.printf(Locale.ROOT, "%-40s a pseudo-terminal (socat, a terminal); --port takes it or a link"
                        + " to it%n", pty);
                listed++;
            }
        }
        if (listed == 0) {
            out.println("no serial ports found");
        }
        return 0;
    }

    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return new ArrayList<>(children.sorted().toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String resolved(Path link) {
        try {
            return link.toRealPath().toString();
        } catch (IOException e) {
            return "(broken link)";
        }
    }
}
