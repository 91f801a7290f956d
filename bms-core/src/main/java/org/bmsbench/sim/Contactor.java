package org.bmsbench.sim;

/**
 * One contactor or relay: a coil commanded by the BMS, main contacts that follow it after the mechanical
 * closing or opening time, and an auxiliary (mirror) contact that reports the main contacts' real state,
 * which a welded contactor keeps closed whatever the coil does.
 */
public final class Contactor {
    private final String name;
    private final double closeTimeS;
    private final double openTimeS;

    private boolean coilEnergised;
    private boolean closed;
    private boolean welded;
    private double sinceCommandS;

    private int openings;
    private int openingsAboveLimit;
    private double largestBreakCurrentA;

    public Contactor(String name, double closeTimeS, double openTimeS) {
        this.name = name;
        this.closeTimeS = closeTimeS;
        this.openTimeS = openTimeS;
    }

    /** Energises or releases the coil. */
    public void command(boolean energise) {
        if (energise != coilEnergised) {
            coilEnergised = energise;
            sinceCommandS = 0;
        }
    }

    /**
     * Moves the contacts after {@code dtS} of the coil's present command. {@code currentA} is the current
     * through the contacts, recorded when they open under load.
     */
    void step(double dtS, double currentA, double breakCurrentLimitA) {
        sinceCommandS += dtS;
        if (coilEnergised && !closed && sinceCommandS >= closeTimeS) {
            closed = true;
        } else if (!coilEnergised && closed && !welded && sinceCommandS >= openTimeS) {
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
            sinceCommandS = 0; // the freed contacts now open after their normal opening time
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
