package org.bmsbench.hil.host;

import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;

/**
 * The hardware a {@link HilSession} runs the firmware against: a board on the serial HIL protocol ({@link HilPort})
 * or sensors and an I/O node on CAN. Called from the control loop only, like any {@link HardwarePort}.
 */
public interface HilBoard extends HardwarePort {
    /** Drains and decodes what has arrived and sends what is due; {@link #read} does it too. */
    void poll(long nowNs);

    /** The latest readings, for a display on another thread (not a consistent snapshot). */
    Measurements latest();

    /** A request the board relayed from the vehicle, once, or null (on CAN the vehicle talks to the BMS's node). */
    default BmsRequest takeVehicleRequest() {
        return null;
    }

    /** The firmware whose state and limits the board is told about (the serial board's HOST_STATUS). */
    default void publish(BmsFirmware firmware) {
    }
}
