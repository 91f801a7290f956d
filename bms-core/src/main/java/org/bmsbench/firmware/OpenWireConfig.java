package org.bmsbench.firmware;

import org.bmsbench.model.Checks;

/**
 * The periodic open sense-wire check (the LTC68xx method: one conversion with the test currents pulling up,
 * one pulling down).
 *
 * @param enabled      whether the firmware runs it
 * @param periodNs     time between checks, ns
 * @param thresholdV   a cell whose pull-up reading is more than this below its pull-down reading has an open
 *                     wire below it (datasheet: 400 mV), V
 * @param zeroV        a reading below this counts as 0 V (the bottom and top pins' signatures), V
 */
public record OpenWireConfig(boolean enabled, @Key("period_s") long periodNs, double thresholdV, double zeroV) {
    public OpenWireConfig {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("open_wire.period_s must be above zero");
        }
        Checks.positive("open_wire.threshold_v", thresholdV);
        Checks.positive("open_wire.zero_v", zeroV);
    }
}
