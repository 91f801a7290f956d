package org.bmsbench.cli;

import com.fazecast.jSerialComm.SerialPort;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the serial ports this machine has. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List the serial ports (USB-serial adapters, built-in UARTs) a board can be on.")
final class PortsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SerialPort[] ports = SerialPort.getCommPorts();
        if (ports.length == 0) {
            out.println("no serial ports found (a pty from socat is not listed, but works with --port PATH)");
            return 0;
        }
        for (SerialPort port : ports) {
            out.printf("%-24s %s (%s)%n", port.getSystemPortPath(), port.getDescriptivePortName(),
                    port.getPortDescription());
        }
        return 0;
    }
}
