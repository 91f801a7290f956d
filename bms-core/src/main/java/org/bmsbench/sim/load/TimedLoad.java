package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;

/** A load that ends a fixed time after it starts. */
abstract class TimedLoad implements Load {
    /** Slack so that a duration that is a whole number of steps ends on that step despite rounding. */
    private static final double END_SLACK_S = 1e-9;

    private final double durationS;
    private double startS;

    TimedLoad(double durationS) {
        this.durationS = Checks.positive("duration_s", durationS);
    }

    @Override
    public void start(double timeS) {
        startS = timeS;
    }

    /** Seconds since the load started. */
    final double elapsedS(double timeS) {
        return timeS - startS;
    }

    @Override
    public boolean isFinished(double timeS) {
        return timeS - startS >= durationS - END_SLACK_S;
    }

    public final double durationS() {
        return durationS;
    }

    @Override
    public final double plannedDurationS() {
        return durationS;
    }
}
