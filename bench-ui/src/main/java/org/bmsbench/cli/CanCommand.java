package org.bmsbench.cli;

import picocli.CommandLine.Command;

/** The CAN tools: decode a live bus or a candump log with a DBC file (docs/can.md). */
@Command(name = "can", mixinStandardHelpOptions = true,
        description = "CAN tools: decode a live bus (dump) or a candump log (decode) with a DBC file.",
        subcommands = {CanDumpCommand.class, CanDecodeCommand.class})
final class CanCommand {
}
