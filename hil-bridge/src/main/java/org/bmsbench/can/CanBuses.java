package org.bmsbench.can;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.hil.transport.SerialLink;

/** Opens a {@link CanBus} by its address (docs/can-buses.md). */
public final class CanBuses {
    static final String VIRTUAL = "virtual:";
    static final String SLCAN = "slcan:";
    static final String SLCAN_DEVICE = "slcan-device:";
    static final String SOCKETCAN = "socketcan:";
    static final String CANDUMP = "candump:";

    /** The serial line speed for slcan; USB adapters ignore it, serial ones (USBtin on a UART) expect it. */
    public static final int SLCAN_SERIAL_BAUD = 115_200;

    /** The accepted forms, for messages and help texts. */
    public static final String FORMS = "virtual:NAME (an in-process bus), slcan:PORT@BITRATE (an slcan adapter, "
            + "bit rates 10000, 20000, 50000, 100000, 125000, 250000, 500000, 800000, 1000000), slcan-device:PORT "
            + "(bms-bench as the adapter), socketcan:IFACE (Linux SocketCAN), candump:FILE (a candump -L log "
            + "replayed)";

    private CanBuses() {
    }

    /**
     * The bus at {@code address}, on the machine's clock.
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed address, listing the accepted forms
     */
    public static CanBus open(String address) {
        return open(address, Clock.SYSTEM);
    }

    /** The bus at {@code address}, its receive times (and a log's replay) taken from {@code clock}. */
    public static CanBus open(String address, Clock clock) {
        if (address.startsWith(VIRTUAL)) {
            return VirtualCanBus.join(rest(address, VIRTUAL, "a bus name"), clock);
        }
        if (address.startsWith(SLCAN_DEVICE)) {
            String port = rest(address, SLCAN_DEVICE, "a serial port");
            return new SlcanDeviceBus(address, new SerialLink(port, SLCAN_SERIAL_BAUD, 0), clock);
        }
        if (address.startsWith(SLCAN)) {
            String rest = rest(address, SLCAN, "a serial port and a bit rate");
            int at = rest.lastIndexOf('@');
            if (at <= 0 || at == rest.length() - 1) {
                throw bad(address, "slcan needs a port and a bit rate, such as slcan:/dev/ttyACM0@500000");
            }
            int bitRateCode;
            try {
                bitRateCode = Slcan.bitRateCode(Integer.parseInt(rest.substring(at + 1)));
            } catch (IllegalArgumentException e) {
                throw bad(address, e instanceof NumberFormatException
                        ? "'" + rest.substring(at + 1) + "' is not a bit rate in bit/s" : e.getMessage());
            }
            // a quiet bus is normal: the link is not reopened for silence, only when the port fails
            return new SlcanBus(address, new SerialLink(rest.substring(0, at), SLCAN_SERIAL_BAUD, 0), bitRateCode,
                    clock);
        }
        if (address.startsWith(SOCKETCAN)) {
            String iface = rest(address, SOCKETCAN, "an interface name");
            if (iface.length() > 15 || !iface.matches("[A-Za-z0-9_.-]+")) {
                throw bad(address, "'" + iface + "' is not a network interface name (1-15 letters, digits, . _ -)");
            }
            return new SocketCanBus(address, iface, clock);
        }
        if (address.startsWith(CANDUMP)) {
            Path log = Path.of(rest(address, CANDUMP, "a log file"));
            if (!Files.isRegularFile(log)) {
                throw bad(address, "no candump log at " + log);
            }
            return new CandumpLogBus(address, log, clock);
        }
        throw bad(address, "unknown kind of bus");
    }

    private static String rest(String address, String scheme, String what) {
        String rest = address.substring(scheme.length());
        if (rest.isEmpty()) {
            throw bad(address, scheme + " needs " + what);
        }
        return rest;
    }

    private static IllegalArgumentException bad(String address, String why) {
        return new IllegalArgumentException("CAN bus '" + address + "': " + why + "; a bus is one of " + FORMS);
    }
}
