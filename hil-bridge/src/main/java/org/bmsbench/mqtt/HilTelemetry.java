package org.bmsbench.mqtt;

import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.hil.host.HilPort;
import org.bmsbench.hil.host.HilSession;
import org.bmsbench.hil.protocol.Hello;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PlantFault;

/**
 * A HIL session's MQTT side, on the control loop's thread: a snapshot into the ring when one is due, and the
 * commands that arrived; faults go to a serial board as INJECT_FAULT (an emulator obeys, a real board refuses; a
 * board on CAN has no such message). It never waits: publishing is the client's thread's.
 */
public final class HilTelemetry implements HilSession.TickListener, BenchControl, AutoCloseable {
    private final BenchTelemetry telemetry;
    private final HilSession<?> session;

    public HilTelemetry(MqttSettings settings, String packId, HilSession<?> session) {
        this.session = session;
        boolean emulated = session.port() instanceof HilPort serial && serial.board().can(Hello.CAN_INJECT_FAULTS);
        this.telemetry = new BenchTelemetry(settings, packId, session.firmware(),
                new MqttBench.Capabilities(emulated, false));
        session.setTickListener(this);
    }

    public MqttBench mqtt() {
        return telemetry.mqtt();
    }

    @Override
    public void afterTick(HilSession<?> s, long nowNs) {
        telemetry.offer(nowNs / 1e9, nowNs, this);
    }

    @Override
    public String request(BmsRequest request) {
        return session.firmware().requestAndJudge(request);
    }

    @Override
    public String setBalancing(BalancingConfig.Strategy strategy) {
        session.firmware().balancing().requestStrategy(strategy);
        return null;
    }

    @Override
    public String fault(PlantFault fault, boolean inject) {
        if (!(session.port() instanceof HilPort serial)) {
            return "the board on CAN cannot inject faults (a scenario's faults can)";
        }
        serial.injectFault(fault.type().wireCode(), inject, fault.target(), fault.value());
        return null; // the board acknowledges on the link; a refusal shows in the link's counters
    }

    @Override
    public String setSpeed(double speed) {
        return "a HIL session runs in real time";
    }

    @Override
    public void close() {
        telemetry.close();
    }
}
