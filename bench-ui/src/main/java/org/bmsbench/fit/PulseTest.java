package org.bmsbench.fit;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.config.ConfigException;

/**
 * The current pulses of an HPPC-style test, grouped in sets, one set per soc point. A pulse is a run of current
 * lasting at most a minute and logged in at least five samples; a longer run moves the cell to its next soc point, and so does a gap in the log
 * (testers often log only the pulses and their rests). Each pulse's ohmic resistance is the voltage step at its
 * edges: from the last sample before an edge to the second sample after it (the first sample after an edge
 * catches the voltage mid-step; by the second the step is done and the slower polarisation has barely begun), averaged
 * over the rising edge and, where the rest after it is logged finely enough, the falling edge. (At a tester's
 * usual 0.1 s logging the second sample is 0.2 s after the edge; logged coarser, the reading holds some of the
 * fast polarisation too.)
 */
public final class PulseTest {
    /** A run of current longer than this is a move to the next soc point, not a pulse. */
    private static final double MAX_PULSE_S = 60.0;
    /** A pause in the log longer than this is an unlogged stretch of the test. */
    private static final double LOG_GAP_S = 5.0;
    /** A pulse logged in fewer samples than this has no shape to fit (a low-rate test's steps, say). */
    private static final int MIN_PULSE_SAMPLES = 5;
    /** A falling edge is read only where the rest after it is logged at least this finely. */
    private static final double FINE_LOG_S = 0.5;

    private PulseTest() {
    }

    /** One pulse: samples {@code start..end} carry the current; {@code r0Ohm} from its edges. */
    public record Pulse(int start, int end, double currentA, double r0Ohm) {
    }

    /**
     * The pulses at one soc point, samples {@code first..last}; before it, {@code gapAh} taken out over
     * {@code gapS} seconds that the log does not show (0 when the history is logged).
     */
    public record PulseSet(int first, int last, double soc, List<Pulse> pulses, double gapAh, double gapS) {
        /** The mean of the pulses' resistances, Ohm. */
        public double r0Ohm() {
            return pulses.stream().mapToDouble(Pulse::r0Ohm).average().orElseThrow();
        }
    }

    /**
     * The pulse sets of a test that starts full, with soc counted against {@code capacityAh}. A
     * {@link ConfigException} when there are none.
     */
    public static List<PulseSet> find(Recording r, double capacityAh) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        double[] q = r.chargeOutAh();
        double maxAbs = 0;
        for (double c : i) {
            maxAbs = Math.max(maxAbs, Math.abs(c));
        }
        double threshold = Math.max(0.02 * maxAbs, 1e-3);
        List<PulseSet> sets = new ArrayList<>();
        List<Pulse> pulses = new ArrayList<>();
        int setFirst = 0;
        int k = 0;
        while (k < i.length) {
            boolean gap = k > 0 && t[k] - t[k - 1] > LOG_GAP_S;
            if (gap) {
                close(sets, pulses, setFirst, k - 1, r, capacityAh);
                setFirst = k;
            }
            if (Math.abs(i[k]) > threshold && k > 0) {
                int start = k;
                while (k + 1 < i.length && Math.abs(i[k + 1]) > threshold && t[k + 1] - t[k] <= LOG_GAP_S) {
                    k++;
                }
                if (t[k] - t[start - 1] > MAX_PULSE_S) { // a move to the next soc point
                    close(sets, pulses, setFirst, start - 1, r, capacityAh);
                    setFirst = k + 1;
                } else if (k + 1 < i.length && k - start + 1 >= MIN_PULSE_SAMPLES) {
                    pulses.add(pulse(r, start, k));
                }
            }
            k++;
        }
        close(sets, pulses, setFirst, i.length - 1, r, capacityAh);
        if (sets.isEmpty()) {
            throw new ConfigException(r.name(), "no current pulses found: a pulse test needs pulses of up to a"
                    + " minute with rests between them (an HPPC test)", null);
        }
        return sets;
    }

    private static void close(List<PulseSet> sets, List<Pulse> pulses, int first, int last, Recording r,
                              double capacityAh) {
        if (pulses.isEmpty()) {
            return;
        }
        double[] t = r.timeS();
        double[] q = r.chargeOutAh();
        double socSum = 0;
        for (Pulse p : pulses) {
            socSum += 1.0 - 0.5 * (q[p.start()] + q[p.end()]) / capacityAh;
        }
        boolean unlogged = first > 0 && t[first] - t[first - 1] > LOG_GAP_S;
        double gapAh = unlogged ? q[first] - q[first - 1] : 0.0;
        double gapS = unlogged ? t[first] - t[first - 1] : 0.0;
        sets.add(new PulseSet(first, last, socSum / pulses.size(), List.copyOf(pulses), gapAh, gapS));
        pulses.clear();
    }

    private static Pulse pulse(Recording r, int start, int end) {
        double[] t = r.timeS();
        double[] i = r.currentA();
        double[] v = r.voltageV();
        int before = start - 1;
        int after = Math.min(start + 1, end);
        double sum = (v[before] - v[after]) / (i[after] - i[before]);
        int edges = 1;
        if (end + 2 < t.length && t[end + 2] - t[end] <= FINE_LOG_S) {
            sum += (v[end + 2] - v[end]) / (i[end] - i[end + 2]);
            edges++;
        }
        double currentSum = 0;
        for (int k = start; k <= end; k++) {
            currentSum += i[k];
        }
        return new Pulse(start, end, currentSum / (end - start + 1), sum / edges);
    }
}
