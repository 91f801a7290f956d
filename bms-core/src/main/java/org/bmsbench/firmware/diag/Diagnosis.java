package org.bmsbench.firmware.diag;

import java.util.Arrays;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;

/**
 * The fault engine, after foxBMS's diag module: every tier of every fault has an up/down debounce counter. A
 * bad sample counts up, a good one down by one; the tier is raised when the counter reaches its events and
 * clears when it is back at zero, unless the fault latches. Once a tier is raised, a sample counts as good only
 * past its reset level (hysteresis). A raised tier's reaction applies once it has been raised for its delay.
 *
 * <p>A sample that is NaN (an invalid, out-of-range or stale measurement) is no evidence either way: it holds
 * the counters, so a measurement the BMS cannot trust is never compared with limits as if it were real.
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class Diagnosis {
    private static final int TIERS = FaultLevel.COUNT;

    private final DiagnosisTable table;
    private final EventLog events;
    /** Every tier of every fault, {@code fault * 3 + level}, for the per-sample loops. */
    private final TierRule[] tiers = new TierRule[FaultId.COUNT * TIERS];
    private final boolean[] latching = new boolean[FaultId.COUNT];
    private final int[] counter = new int[FaultId.COUNT * TIERS];
    private final boolean[] raised = new boolean[FaultId.COUNT * TIERS];
    private final long[] raisedAtNs = new long[FaultId.COUNT * TIERS];
    private final double[] lastValue = new double[FaultId.COUNT];
    private final int[] lastCell = new int[FaultId.COUNT];

    // reactions in force, recomputed by updateReactions()
    private boolean openContactors;
    private boolean blockCharge;
    private boolean blockDischarge;
    private boolean derate;

    public Diagnosis(DiagnosisTable table, EventLog events) {
        this.table = table;
        this.events = events;
        for (FaultId id : FaultId.values()) {
            FaultRule rule = table.rule(id);
            latching[id.ordinal()] = rule.latching();
            for (FaultLevel level : FaultLevel.values()) {
                tiers[id.ordinal() * TIERS + level.ordinal()] = rule.tier(level);
            }
        }
        Arrays.fill(lastValue, Double.NaN);
        Arrays.fill(lastCell, -1);
    }

    /** One sample of a limit fault's value; NaN holds its counters. */
    public void sampleValue(FaultId id, double value, long nowNs) {
        sampleValue(id, value, -1, nowNs);
    }

    /**
     * One sample of a per-cell limit fault: the value was measured on channel {@code cell} (-1: on none), which
     * the fault's events carry, so a report can name the cell that tripped.
     */
    public void sampleValue(FaultId id, double value, int cell, long nowNs) {
        lastValue[id.ordinal()] = value;
        lastCell[id.ordinal()] = cell;
        if (Double.isNaN(value)) {
            return;
        }
        boolean above = id.kind() == FaultId.Kind.ABOVE;
        int first = id.ordinal() * TIERS;
        for (int t = 0; t < TIERS; t++) {
            int slot = first + t;
            TierRule tier = tiers[slot];
            if (!tier.enabled()) {
                continue;
            }
            double limit = raised[slot] ? tier.reset() : tier.threshold();
            boolean bad = above ? value > limit : value < limit;
            count(id, t, slot, tier, latching[id.ordinal()], bad, value, cell, nowNs);
        }
    }

    /** One sample of a condition fault: is the condition present? */
    public void sampleCondition(FaultId id, boolean present, long nowNs) {
        double value = present ? 1.0 : 0.0;
        lastValue[id.ordinal()] = value;
        lastCell[id.ordinal()] = -1;
        int first = id.ordinal() * TIERS;
        for (int t = 0; t < TIERS; t++) {
            TierRule tier = tiers[first + t];
            if (tier.enabled()) {
                count(id, t, first + t, tier, latching[id.ordinal()], present, value, -1, nowNs);
            }
        }
    }

    private void count(FaultId id, int t, int slot, TierRule tier, boolean latching, boolean bad, double value,
                       int cell, long nowNs) {
        int c = counter[slot];
        if (bad) {
            if (c < tier.events()) {
                c++;
            }
            if (c >= tier.events() && !raised[slot]) {
                raised[slot] = true;
                raisedAtNs[slot] = nowNs;
                events.append(nowNs, EventType.FAULT_RAISED, id.ordinal(), t, value, cell);
            }
        } else if (c > 0) {
            c--;
            if (c == 0 && raised[slot] && !latching) {
                raised[slot] = false;
                events.append(nowNs, EventType.FAULT_CLEARED, id.ordinal(), t, value, cell);
            }
        }
        counter[slot] = c;
    }

    /** Recomputes which reactions are in force: those of every tier raised for at least its delay. */
    public void updateReactions(long nowNs) {
        boolean open = false;
        boolean charge = false;
        boolean discharge = false;
        boolean lower = false;
        for (int slot = 0; slot < tiers.length; slot++) {
            if (!raised[slot]) {
                continue;
            }
            TierRule tier = tiers[slot];
            if (nowNs - raisedAtNs[slot] < tier.delayNs()) {
                continue;
            }
            Reaction reaction = tier.reaction();
            open |= reaction == Reaction.OPEN_CONTACTORS;
            charge |= reaction.blocksCharge();
            discharge |= reaction.blocksDischarge();
            lower |= reaction == Reaction.DERATE;
        }
        openContactors = open;
        blockCharge = charge;
        blockDischarge = discharge;
        derate = lower;
    }

    /**
     * Clears latched tiers whose cause is gone (their counter is back at zero): a service reset, the only way
     * out of a latched fault such as a deep discharge.
     */
    public void serviceReset(long nowNs) {
        for (int f = 0; f < FaultId.COUNT; f++) {
            for (int t = 0; t < TIERS; t++) {
                int slot = f * TIERS + t;
                if (raised[slot] && counter[slot] == 0) {
                    raised[slot] = false;
                    events.append(nowNs, EventType.FAULT_CLEARED, f, t, lastValue[f], lastCell[f]);
                }
            }
        }
    }

    /** True when {@code level} of {@code id} is raised. */
    public boolean isRaised(FaultId id, FaultLevel level) {
        return raised[id.ordinal() * TIERS + level.ordinal()];
    }

    /** The most severe raised tier of {@code id}, or null. */
    public FaultLevel highestRaised(FaultId id) {
        for (int t = TIERS - 1; t >= 0; t--) {
            if (raised[id.ordinal() * TIERS + t]) {
                return FaultLevel.of(t);
            }
        }
        return null;
    }

    /** True when any fault has a tier raised at {@code level}. */
    public boolean anyRaised(FaultLevel level) {
        for (int f = 0; f < FaultId.COUNT; f++) {
            if (raised[f * TIERS + level.ordinal()]) {
                return true;
            }
        }
        return false;
    }

    /** True when a raised tier whose reaction opens the contactors is raised, whatever its delay. */
    public boolean anyContactorOpeningFaultRaised() {
        for (int slot = 0; slot < tiers.length; slot++) {
            if (raised[slot] && tiers[slot].reaction() == Reaction.OPEN_CONTACTORS) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the contactors must stay open, for a person: each raised fault whose reaction opens them, and whether it
     * latches (then only a service reset, once its cause is gone, clears it); empty when none is raised. Not for
     * the tick: it builds a string.
     */
    public String contactorOpeningFaults() {
        java.util.StringJoiner out = new java.util.StringJoiner(", ");
        for (int f = 0; f < FaultId.COUNT; f++) {
            for (int t = 0; t < TIERS; t++) {
                int slot = f * TIERS + t;
                if (raised[slot] && tiers[slot].reaction() == Reaction.OPEN_CONTACTORS) {
                    out.add(FaultId.of(f) + (latching[f] ? " (latched: needs a service reset)" : ""));
                    break;
                }
            }
        }
        return out.toString();
    }

    /** The debounce counter of a tier (for tests and telemetry). */
    public int counter(FaultId id, FaultLevel level) {
        return counter[id.ordinal() * TIERS + level.ordinal()];
    }

    /** The last sample of a fault (1 or 0 for a condition), NaN if none was valid. */
    public double lastValue(FaultId id) {
        return lastValue[id.ordinal()];
    }

    /** A fault tier demands the contactors open. */
    public boolean openContactors() {
        return openContactors;
    }

    public boolean blockCharge() {
        return blockCharge;
    }

    public boolean blockDischarge() {
        return blockDischarge;
    }

    public boolean derate() {
        return derate;
    }

    public DiagnosisTable table() {
        return table;
    }
}
