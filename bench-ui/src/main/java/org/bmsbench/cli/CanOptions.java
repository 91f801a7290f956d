package org.bmsbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CandumpWriter;
import org.bmsbench.can.LoggedCanBus;
import org.bmsbench.can.profile.CanProfile;
import picocli.CommandLine.Option;

/** The options that put the bench on a live CAN bus: the bus, the vehicle messages' profile, a log of the traffic. */
final class CanOptions {
    @Option(names = "--can", paramLabel = "BUS", description = "The CAN bus: slcan:PORT@BITRATE (an adapter),"
            + " slcan-device:PORT (the adapter's end, for a pty), socketcan:IFACE or virtual:NAME (docs/can.md).")
    String bus;

    @Option(names = "--can-profile", defaultValue = "bmsbench", paramLabel = "PROFILE",
            description = "The BMS's and the vehicle's messages there: bmsbench or foxbms (default:"
                    + " ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--can-log", paramLabel = "FILE", description = "Keep the bus traffic, both ways, as a candump"
            + " -L log.")
    Path log;

    boolean enabled() {
        return bus != null;
    }

    /** The profile, checked: an unknown name is refused with the known ones. */
    CanProfile canProfile() {
        return CanProfile.byId(profile);
    }

    /** Opens the bus, logged when asked. */
    CanBus open() {
        return open(bus, log);
    }

    /** Opens the bus at {@code address}, its traffic kept in the candump log {@code logFile} unless that is null. */
    static CanBus open(String address, Path logFile) {
        CanBus opened = CanBuses.open(address);
        if (logFile == null) {
            return opened;
        }
        try {
            return new LoggedCanBus(opened, new CandumpWriter(logFile));
        } catch (IOException e) {
            opened.close();
            throw new UncheckedIOException("cannot write the CAN log " + logFile + ": " + e.getMessage(), e);
        }
    }

    void check() {
        if (log != null && bus == null) {
            throw new IllegalArgumentException("--can-log keeps a bus's traffic: give the bus with --can");
        }
        if (enabled()) {
            canProfile();
        }
    }
}
