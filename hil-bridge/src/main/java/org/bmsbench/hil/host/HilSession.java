package org.bmsbench.hil.host;

import org.HdrHistogram.Histogram;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.loop.Clock;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.realtime.JitWarmUp;
import org.bmsbench.scenario.CoSimulation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.firmware.loop.RealTimeLoop;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.SimulatedPort;

/**
 * The unchanged firmware in real time against a board: a {@link RealTimeLoop} ticks it at its fast period with
 * the wall clock, its port is the board ({@code B}: the serial link, or sensors on CAN), and the vehicle requests
 * the board relays reach its mailbox. The
 * loop's period error (how far each tick's start is from one period after the previous one) goes into an
 * HdrHistogram, allocation-free. Other threads may read the firmware's state and event log while it runs.
 */
public final class HilSession<B extends HilBoard> {

    /**
     * The pack size {@code hil} warms the JIT up with before it opens the port (the board's size is known only
     * after its HELLO): the compiled code is the same for any size.
     */
    public static final int WARM_UP_CELLS = 96;
    private static final double WARM_UP_SOC = 0.5;
    private static final double WARM_UP_TEMPERATURE_C = 25.0;

    /** Period errors above this are recorded as this (a tick a second late is lost anyway). */
    private static final long MAX_RECORDED_NS = 1_000_000_000L;

    private final BmsFirmware firmware;
    private final B port;
    private final Histogram periodError = new Histogram(MAX_RECORDED_NS, 3);
    private final long periodNs;
    /** Called on the control loop's thread after every tick (telemetry, remote commands); must not block. */
    public interface TickListener {
        void afterTick(HilSession<?> session, long nowNs);
    }

    private volatile RealTimeLoop loop;
    private TickListener listener;
    private CoSimulation.TickObserver bus;
    private volatile long originNs;
    private long lastTickNs = -1;

    public HilSession(BmsConfig config, B port) {
        this.port = port;
        this.firmware = new BmsFirmware(config, port);
        this.periodNs = config.tasks().fastPeriodNs();
        port.publish(firmware);
    }

    /**
     * Runs throwaway copies of the firmware on a simulated pack of the board's size, {@code simulatedS} in all,
     * as fast as they go, so that the JIT has compiled the control loop before it must keep time: without it the
     * first ticks run interpreted and overrun (CONTROL_LOOP_OVERRUN, latched, 4 ms after the start when
     * measured). The copies ({@link JitWarmUp#run}) drive a pack at rest, half charged, at 25 degC, closed: the
     * compiled paths are those of any pack.
     */
    public static void warmUp(BmsConfig config, int cells, double simulatedS) {
        JitWarmUp.run(n -> {
            PackPlant plant = new PackPlant(PlantConfig.of(
                    PackConfig.of(config.cell(), cells, config.parallel(), WARM_UP_SOC), WARM_UP_TEMPERATURE_C, n));
            BmsFirmware warm = new BmsFirmware(config, new SimulatedPort(plant));
            warm.request(BmsRequest.NORMAL);
            CoSimulation simulation = new CoSimulation(plant, warm, null, Scenario.DEFAULT_STEP_NS);
            return new JitWarmUp.Copy() {
                @Override
                public void tickAt(long nowNs) {
                    simulation.tickAt(nowNs);
                }

                @Override
                public boolean running() {
                    return simulation.running();
                }
            };
        }, config.tasks().fastPeriodNs(), simulatedS);
    }

    /** Runs for {@code durationNs} or until {@link #stop()}; the firmware's time starts at zero. */
    public void run(long durationNs, IdleStrategy idle) {
        // what the board sent while the session was prepared (seconds of reports since its HELLO, through the
        // warm-up), decoded before the clock starts: in the first tick, in code not yet compiled, it took 20-30 ms
        port.poll(0);
        originNs = System.nanoTime();
        Clock clock = this::nowNs;
        loop = new RealTimeLoop(this::tick, clock, idle, periodNs);
        loop.run(durationNs);
    }

    private void tick(long nowNs) {
        if (lastTickNs >= 0) {
            periodError.recordValue(Math.min(MAX_RECORDED_NS, Math.abs(nowNs - lastTickNs - periodNs)));
        }
        lastTickNs = nowNs;
        BmsRequest request = port.takeVehicleRequest();
        if (request != null) {
            firmware.request(request);
        }
        firmware.tick(nowNs);
        if (bus != null) {
            bus.afterTick(nowNs);
        }
        if (listener != null) {
            listener.afterTick(this, nowNs);
        }
    }

    /** Sets the listener (before {@link #run}). */
    public void setTickListener(TickListener value) {
        this.listener = value;
    }

    /** Puts the firmware on a CAN bus: its node sends and receives after every tick (set before {@link #run}). */
    public void setCanNode(CoSimulation.TickObserver node) {
        this.bus = node;
    }

    /** Makes {@link #run} return (from any thread). */
    public void stop() {
        RealTimeLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    /** The firmware's time now, ns (from any thread). */
    public long nowNs() {
        return System.nanoTime() - originNs;
    }

    public BmsFirmware firmware() {
        return firmware;
    }

    public B port() {
        return port;
    }

    /** The control loop's period error, ns. Read it after {@link #run} returns. */
    public Histogram periodError() {
        return periodError;
    }

    /** Whole periods the loop fell so far behind that it dropped them. */
    public long skippedPeriods() {
        RealTimeLoop l = loop;
        return l == null ? 0 : l.skippedPeriods();
    }

    /** Ticks run so far. */
    public long ticks() {
        RealTimeLoop l = loop;
        return l == null ? 0 : l.ticks();
    }
}
