package org.bmsbench.ui;

import java.util.function.Function;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.scenario.BenchControl;

/** What the dashboard shows and commands: a run in this process, or a bench watched over MQTT. */
public interface DashboardSource {
    /** A name for the title line. */
    String title();

    /** A snapshot sized for the bench, once its size is known (null before). */
    TelemetrySnapshot newSnapshot();

    /** The newest snapshot into {@code into}; false when nothing new came. */
    boolean latest(TelemetrySnapshot into);

    /** Carries out a command (on the bench's own thread, or over MQTT). */
    void send(Function<BenchControl, String> command);

    /** Why the last command failed, or null. */
    String lastCommandError();

    /** A word for the title line: "paused", "ended", "remote" or empty. */
    String condition();

    /** Whether it can be paused from here (a run in this process). */
    boolean pausable();

    void setPaused(boolean value);

    boolean paused();

    /** The speed it was started at (NaN: as fast as it goes or unknown). */
    double speed();

    /** The balancing strategy it started with, or null when unknown. */
    org.bmsbench.firmware.balancing.BalancingConfig.Strategy balancingStrategy();
}
