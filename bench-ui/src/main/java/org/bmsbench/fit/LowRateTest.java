package org.bmsbench.fit;

import java.util.Locale;
import org.bmsbench.config.ConfigException;

/**
 * The slow full discharge and full charge of an OCV test (C/20 or slower): the cell's capacity and its two
 * voltage branches against soc.
 *
 * <p>The discharge takes the cell from full to its minimum voltage and the charge brings it back; each run's
 * charge count comes from the tester. A real tester's current reading carries a small constant offset (its
 * accuracy is a fraction of its full scale, tens of mA on a 25 A channel), which over a 20 h run makes the
 * discharge count too large and the charge count too small by the same amount per hour; a coulombic efficiency
 * cannot explain a charge count several percent below the discharge count. So the offset is taken as the one
 * that makes the two counts agree, {@code x = (Ah_dis - Ah_chg) / (t_dis + t_chg)}, and the capacity is the
 * corrected discharge count. This assumes the slow charge refilled the cell; one that stopped at the maximum
 * voltage a little short of full would make the capacity as much too small (the rest voltages after a 20 h
 * charge are still relaxing, so they cannot tell a shortfall of a percent from slow polarisation).
 */
public final class LowRateTest {
    /** Slower than this is a low-rate test; faster and the branches hold too much polarisation. */
    private static final double MAX_C_RATE = 1.0 / 5.0;

    private final Recording recording;
    private final Run discharge;
    private final Run charge;
    private final double offsetA;
    private final double capacityAh;
    private final double[] dischargeSoc;
    private final double[] chargeSoc;

    /** A run of samples with the current flowing one way: indices {@code first..last}, and the rest before. */
    record Run(int restBefore, int first, int last) {
    }

    private LowRateTest(Recording recording, Run discharge, Run charge) {
        this.recording = recording;
        this.discharge = discharge;
        this.charge = charge;
        double[] t = recording.timeS();
        double[] q = recording.chargeOutAh();
        double dischargedAh = q[discharge.last] - q[discharge.restBefore];
        double chargedAh = q[charge.restBefore] - q[charge.last];
        double dischargeH = (t[discharge.last] - t[discharge.restBefore]) / 3600.0;
        double chargeH = (t[charge.last] - t[charge.restBefore]) / 3600.0;
        // true discharge = dischargedAh - x dischargeH = Q = true charge = chargedAh + x chargeH
        this.offsetA = (dischargedAh - chargedAh) / (dischargeH + chargeH);
        this.capacityAh = dischargedAh - offsetA * dischargeH;
        this.dischargeSoc = new double[discharge.last - discharge.first + 1];
        for (int k = discharge.first; k <= discharge.last; k++) {
            double removed = q[k] - q[discharge.restBefore] - offsetA * (t[k] - t[discharge.restBefore]) / 3600.0;
            dischargeSoc[k - discharge.first] = 1.0 - removed / capacityAh;
        }
        this.chargeSoc = new double[charge.last - charge.first + 1];
        for (int k = charge.first; k <= charge.last; k++) {
            double added = q[charge.restBefore] - q[k] + offsetA * (t[k] - t[charge.restBefore]) / 3600.0;
            chargeSoc[k - charge.first] = added / capacityAh;
        }
    }

    /** Finds the test's full discharge and full charge; a {@link ConfigException} when it has not both. */
    public static LowRateTest analyse(Recording recording) {
        double[] i = recording.currentA();
        double maxAbs = 0;
        for (double c : i) {
            maxAbs = Math.max(maxAbs, Math.abs(c));
        }
        double threshold = 0.25 * maxAbs;
        Run discharge = longestRun(recording, threshold, 1, 0);
        Run charge = discharge == null ? null : longestRun(recording, threshold, -1, discharge.last + 1);
        if (discharge == null || charge == null) {
            throw new ConfigException(recording.name(), "not a low-rate OCV test: it needs a slow discharge from full"
                    + " to the minimum voltage and a slow charge back to full (found " + (discharge == null
                    ? "no discharge" : "no charge") + ")", null);
        }
        LowRateTest test = new LowRateTest(recording, discharge, charge);
        double cRate = test.currentA() / test.capacityAh;
        if (cRate > MAX_C_RATE) {
            throw new ConfigException(recording.name(), String.format(Locale.ROOT, "not a low-rate OCV test: its"
                    + " discharge runs at %.2fC, and an OCV curve needs C/5 or slower (C/20 is usual)", cRate), null);
        }
        return test;
    }

    /** The longest run with the current beyond {@code threshold} in {@code sign}'s direction. */
    private static Run longestRun(Recording r, double threshold, int sign, int from) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        Run best = null;
        double bestS = 0;
        int k = Math.max(1, from);
        while (k < i.length) {
            if (sign * i[k] > threshold) {
                int first = k;
                while (k + 1 < i.length && sign * i[k + 1] > threshold) {
                    k++;
                }
                double duration = t[k] - t[first - 1];
                if (duration > bestS) {
                    bestS = duration;
                    best = new Run(first - 1, first, k);
                }
            }
            k++;
        }
        return best;
    }

    public Recording recording() {
        return recording;
    }

    /** The capacity between the voltage limits at this rate, with the tester's offset taken out, Ah. */
    public double capacityAh() {
        return capacityAh;
    }

    /** The tester's current offset found (reported = true + offset), A. */
    public double offsetA() {
        return offsetA;
    }

    /** The discharge count as the tester reported it, Ah. */
    public double rawDischargeAh() {
        double[] q = recording.chargeOutAh();
        return q[discharge.last] - q[discharge.restBefore];
    }

    /** The charge count as the tester reported it, Ah. */
    public double rawChargeAh() {
        double[] q = recording.chargeOutAh();
        return q[charge.restBefore] - q[charge.last];
    }

    /** The mean magnitude of the discharge current, A. */
    public double currentA() {
        double[] q = recording.chargeOutAh();
        double[] t = recording.timeS();
        return (q[discharge.last] - q[discharge.restBefore]) * 3600.0 / (t[discharge.last] - t[discharge.restBefore]);
    }

    /** The cell's median temperature over the test, degC (NaN without a temperature column). */
    public double temperatureC() {
        return recording.medianTemperatureC();
    }

    /** Where the discharge ended: the minimum voltage, V. */
    public double minVoltageV() {
        return recording.voltageV()[discharge.last];
    }

    /** Where the charge ended: the maximum voltage, V. */
    public double maxVoltageV() {
        return recording.voltageV()[charge.last];
    }

    /** The discharge branch: soc of each sample (falling from 1 to 0). */
    public double[] dischargeSoc() {
        return dischargeSoc.clone();
    }

    public double[] dischargeVoltageV() {
        return java.util.Arrays.copyOfRange(recording.voltageV(), discharge.first, discharge.last + 1);
    }

    /** The charge branch: soc of each sample (rising from 0 to 1). */
    public double[] chargeSoc() {
        return chargeSoc.clone();
    }

    public double[] chargeVoltageV() {
        return java.util.Arrays.copyOfRange(recording.voltageV(), charge.first, charge.last + 1);
    }

    /** The first sample of the discharge. */
    public int dischargeStart() {
        return discharge.first;
    }

    /**
     * The current as it really flowed: the offset taken out where the tester drove current, zero at rest (a
     * replay of the test then follows the branches' soc).
     */
    public double[] correctedCurrentA() {
        double[] i = recording.currentA();
        double[] out = new double[i.length];
        for (int k = 0; k < i.length; k++) {
            boolean driven = (k >= discharge.first && k <= discharge.last) || (k >= charge.first && k <= charge.last);
            out[k] = driven ? i[k] - offsetA : 0.0;
        }
        return out;
    }
}
