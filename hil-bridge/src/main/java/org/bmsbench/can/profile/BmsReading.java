package org.bmsbench.can.profile;

import org.bmsbench.firmware.BmsFirmware;

/**
 * A value the BMS puts on the bus, read from the firmware on the tick without allocating: what the BMS knows
 * (its measurements, estimates, limits and faults), never the plant's truth. {@code index} is the cell channel or
 * temperature sensor of a per-cell signal, unused otherwise.
 */
@FunctionalInterface
public interface BmsReading {
    double read(BmsFirmware firmware, int index);
}
