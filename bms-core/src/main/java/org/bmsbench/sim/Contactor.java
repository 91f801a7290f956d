package org.bmsbench.sim;

/**
 * One contactor or relay: a coil commanded by the BMS, main contacts that follow it after the mechanical
 * closing or opening time, and an auxiliary (mirror) contact that reports the main contacts' real state,
 * which a welded contactor keeps closed whatever the coil does.
 */
public final class Contactor {
    private final String name;
    private final long closeTimeNs;
    private final long openTimeNs;
    private final double breakCurrentLimitA;

    private boolean coilEnergised;
    private boolean closed;
    private boolean welded;
    private long sinceCommandNs;

    private int openings;
    private int openingsAboveLimit;
    private double largestBreakCurrentA;

    /**
     * @param breakCurrentLimitA the current it is rated to interrupt; openings above it are counted
     */
    public Contactor(String name, double closeTimeS, double openTimeS, double breakCurrentLimitA) {
        this.name = name;
        this.closeTimeNs = Math.round(closeTimeS * 1e9);
        this.openTimeNs = Math.round(openTimeS * 1e9);
        this.breakCurrentLimitA = breakCurrentLimitA;
    }

    /** Energises or releases the coil. */
    public void command(boolean energise) {
        if (energise != coilEnergised) {
            coilEnergised = energise;
            sinceCommandNs = 0;
        }
    }

    /**
     * Moves the contacts after {@code dtNs} of the coil's present command. {@code currentA} is the current
     * through these contacts, recorded when they open under load.
     */
    void step(long dtNs, double currentA) {
        sinceCommandNs += dtNs;
        if (coilEnergised && !closed && sinceCommandNs >= closeTimeNs) {
            closed = true;
        } else if (!coilEnergised && closed && !welded && sinceCommandNs >= openTimeNs) {
            closed = false;
            double broken = Math.abs(currentA);
            openings++;
            largestBreakCurrentA = Math.max(largestBreakCurrentA, broken);
            if (broken > breakCurrentLimitA) {
                openingsAboveLimit++;
            }
        }
    }

    /** Welds the contacts in their present state if closed, or as soon as they next close. */
    public void setWelded(boolean value) {
        welded = value;
        if (!value && !coilEnergised && closed) {
            sinceCommandNs = 0; // the freed contacts now open after their normal opening time
        }
    }

    public String name() {
        return name;
    }

    public boolean isCoilEnergised() {
        return coilEnergised;
    }

    /** The real state of the main contacts. */
    public boolean isClosed() {
        return closed;
    }

    /** The auxiliary contact the BMS reads back: mirrors the main contacts. */
    public boolean feedbackClosed() {
        return closed;
    }

    public boolean isWelded() {
        return welded;
    }

    /** How many times the contacts opened. */
    public int openings() {
        return openings;
    }

    /** How many times the contacts opened with more than the rated break current flowing. */
    public int openingsAboveLimit() {
        return openingsAboveLimit;
    }

    /** The largest current the contacts ever interrupted, A. */
    public double largestBreakCurrentA() {
        return largestBreakCurrentA;
    }
}
