package org.bmsbench.firmware.balancing;

import java.util.Arrays;
import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.soc.SocEstimation;

/** Never bleeds anything. */
public final class NoBalancing implements BalancingStrategy {
    @Override
    public void decide(Acquisition data, SocEstimation soc, double dtS, boolean[] on) {
        Arrays.fill(on, false);
    }

    @Override
    public void interrupted() {
    }
}
