package org.bmsbench.ui;

import java.util.function.Function;
import org.bmsbench.mqtt.RemoteBench;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.scenario.BenchControl;

/** A bench watched over MQTT: its telemetry shown, the dashboard's commands sent as MQTT commands. */
public final class RemoteSource implements DashboardSource {
    private final RemoteBench bench;
    private final String packId;
    private volatile String sendError;

    public RemoteSource(RemoteBench bench, String packId) {
        this.bench = bench;
        this.packId = packId;
    }

    @Override
    public String title() {
        return packId + " (over MQTT)";
    }

    @Override
    public TelemetrySnapshot newSnapshot() {
        return bench.newSnapshot();
    }

    @Override
    public boolean latest(TelemetrySnapshot into) {
        return bench.latest(into);
    }

    @Override
    public void send(Function<BenchControl, String> command) {
        sendError = command.apply(bench);
    }

    @Override
    public String lastCommandError() {
        return sendError != null ? sendError : bench.lastError();
    }

    @Override
    public String condition() {
        return "remote";
    }

    @Override
    public boolean pausable() {
        return false;
    }

    @Override
    public void setPaused(boolean value) {
        // a remote bench keeps its own pace; set_speed is the command for that
    }

    @Override
    public boolean paused() {
        return false;
    }

    @Override
    public double speed() {
        return Double.NaN;
    }

    @Override
    public org.bmsbench.firmware.balancing.BalancingConfig.Strategy balancingStrategy() {
        return null;
    }
}
