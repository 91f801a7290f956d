package org.bmsbench.firmware;

import org.bmsbench.firmware.balancing.Balancing;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.contactor.BmsStateMachine;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.limits.CurrentLimits;
import org.bmsbench.firmware.loop.TaskConfig;
import org.bmsbench.firmware.soc.SocEstimation;
import org.bmsbench.model.CellModel;
import org.bmsbench.port.HardwarePort;

/**
 * The BMS firmware: three cyclic tasks, as on a microcontroller, run from {@link #tick(long)}.
 * <ul>
 *   <li>fast (1 ms): read the hardware, integrate the current, over-current and current-sensor checks, loop
 *       overruns;</li>
 *   <li>main (10 ms): voltage, temperature, plausibility and communication checks, fault reactions, the state
 *       machine and contactors;</li>
 *   <li>slow (100 ms): state of charge, isolation, the open-wire check, balancing, current limits.</li>
 * </ul>
 * The caller reads its clock once per cycle and passes the time in: a simulated clock runs scenarios as fast as
 * the CPU allows, a wall clock runs hardware in the loop. A task starting later than the tolerance after its
 * due time is an overrun (CONTROL_LOOP_OVERRUN). (How late each tick starts on the wall clock is the caller's to
 * measure: it owns the clock.)
 *
 * <p>The firmware sees the pack only through its {@link HardwarePort}. One thread drives it; requests may come
 * from any thread through {@link #request(BmsRequest)}. Nothing allocates per tick after construction.
 */
public final class BmsFirmware {
    private final BmsConfig config;
    private final TaskConfig tasks;
    private final EventLog events;
    private final Acquisition acquisition;
    private final Diagnosis diagnosis;
    private final SocEstimation soc;
    private final Balancing balancing;
    private final BmsStateMachine stateMachine;
    private final CurrentLimits limits;
    private final OpenWireCheck openWire;
    private final VehicleLink vehicle;
    private final double[] bleedCellCurrentA;

    private boolean started;
    private long nextFastNs;
    private long nextMainNs;
    private long nextSlowNs;
    private long lastFastNs;
    private long overruns;
    private long missedPeriods;
    private double chargeAs;
    private double chargeTimeS;
    private double averageCellCurrentA;

    public BmsFirmware(BmsConfig config, HardwarePort port) {
        this.config = config;
        this.tasks = config.tasks();
        CellModel model = new CellModel(config.cell());
        this.events = new EventLog(config.eventLogCapacity());
        this.acquisition = new Acquisition(config.acquisition(), port, config.parallel(),
                config.cellsPerTemperatureSensor());
        int channels = acquisition.channelCount();
        this.diagnosis = new Diagnosis(config.diagnosis(), events);
        this.soc = new SocEstimation(config.soc(), model, channels);
        double groupCapacityAh = config.cell().nominalCapacityAh() * config.parallel();
        this.balancing = new Balancing(config.balancing(), port, channels, groupCapacityAh);
        this.stateMachine = new BmsStateMachine(config.contactors(), port, diagnosis, events);
        this.limits = new CurrentLimits(config.limits(), model, config.parallel(), channels);
        this.openWire = new OpenWireCheck(config.openWire(), port, channels, 0);
        this.vehicle = new VehicleLink(config.vehicle());
        this.bleedCellCurrentA = new double[channels];
    }

    /** Leaves a request for the state machine (from any thread); it is taken at the next main tick. */
    public void request(BmsRequest request) {
        stateMachine.mailbox().post(request);
    }

    /**
     * The vehicle's cyclic state request arrived (from any thread; a CAN receiver calls it for every frame, and
     * {@link #request} only when the request changes). Once heard, its silence raises VEHICLE_COMMUNICATION_LOSS.
     */
    public void vehicleHeard() {
        vehicle.heard();
    }

    /**
     * Leaves a request for the state machine and says what it will make of it: null when it will be taken, or why
     * it will be refused (a reset while a fault still demands open contactors). Control-loop thread: a command
     * handler that runs between ticks.
     */
    public String requestAndJudge(BmsRequest request) {
        String refusal = stateMachine.refusal(request);
        request(request);
        return refusal;
    }

    /** Starts every channel's estimate from {@code value} instead of from its rest voltage. */
    public void initialiseSoc(double value) {
        soc.initialise(value);
    }

    /** One cycle: runs every task that is due at {@code nowNs}, fastest first. */
    public void tick(long nowNs) {
        if (!started) {
            started = true;
            nextFastNs = nowNs;
            nextMainNs = nowNs;
            nextSlowNs = nowNs;
            lastFastNs = nowNs;
        }
        boolean fast = nowNs >= nextFastNs;
        boolean main = nowNs >= nextMainNs;
        boolean slow = nowNs >= nextSlowNs;
        boolean overrun = false;
        if (fast) {
            overrun |= late(nowNs, nextFastNs);
            nextFastNs = nextDue(nextFastNs, tasks.fastPeriodNs(), nowNs);
        }
        if (main) {
            overrun |= late(nowNs, nextMainNs);
            nextMainNs = nextDue(nextMainNs, tasks.mainPeriodNs(), nowNs);
        }
        if (slow) {
            overrun |= late(nowNs, nextSlowNs);
            nextSlowNs = nextDue(nextSlowNs, tasks.slowPeriodNs(), nowNs);
        }
        if (fast) {
            fastTask(nowNs, overrun);
        }
        if (main) {
            mainTask(nowNs);
        }
        if (slow) {
            slowTask(nowNs);
        }
    }

    private boolean late(long nowNs, long dueNs) {
        long late = nowNs - dueNs;
        if (late > tasks.overrunToleranceNs()) {
            overruns++;
            return true;
        }
        return false;
    }

    private long nextDue(long dueNs, long periodNs, long nowNs) {
        long periods = (nowNs - dueNs) / periodNs + 1;
        missedPeriods += periods - 1;
        return dueNs + periods * periodNs;
    }

    private void fastTask(long nowNs, boolean overrun) {
        acquisition.read(nowNs);
        double cellCurrent = acquisition.cellCurrentA();
        double dtS = (nowNs - lastFastNs) * 1e-9;
        lastFastNs = nowNs;
        if (!Double.isNaN(cellCurrent)) {
            chargeAs += cellCurrent * dtS;
            chargeTimeS += dtS;
        }
        diagnosis.sampleValue(FaultId.OVERCURRENT_DISCHARGE, cellCurrent, nowNs);
        diagnosis.sampleValue(FaultId.OVERCURRENT_CHARGE, -cellCurrent, nowNs);
        diagnosis.sampleCondition(FaultId.CURRENT_SENSOR_FAULT, !acquisition.currentValid(), nowNs);
        diagnosis.sampleCondition(FaultId.CONTROL_LOOP_OVERRUN, overrun, nowNs);
    }

    private void mainTask(long nowNs) {
        Acquisition data = acquisition;
        double highestV = data.maxCellVoltageV();
        double lowestV = data.minCellVoltageV();
        diagnosis.sampleValue(FaultId.CELL_OVERVOLTAGE, highestV, data.maxCellIndex(), nowNs);
        diagnosis.sampleValue(FaultId.CELL_UNDERVOLTAGE, lowestV, data.minCellIndex(), nowNs);
        diagnosis.sampleValue(FaultId.CELL_DEEP_DISCHARGE, lowestV, data.minCellIndex(), nowNs);
        diagnosis.sampleValue(FaultId.CELL_VOLTAGE_SPREAD,
                data.validCellCount() >= 2 ? highestV - lowestV : Double.NaN, nowNs);
        // The discharge temperature window (the wider one) holds at all times; the narrower charge window is
        // added while charging and sees a safe value otherwise. (Judging the discharge window only while
        // discharging would let regeneration pulses on a drive count a hot cell back down.)
        boolean charging = data.charging();
        double hottest = data.maxTemperatureC();
        double coldest = data.minTemperatureC();
        diagnosis.sampleValue(FaultId.CELL_OVERTEMPERATURE_CHARGE,
                charging ? hottest : Double.NEGATIVE_INFINITY, nowNs);
        diagnosis.sampleValue(FaultId.CELL_OVERTEMPERATURE_DISCHARGE, hottest, nowNs);
        diagnosis.sampleValue(FaultId.CELL_UNDERTEMPERATURE_CHARGE,
                charging ? coldest : Double.POSITIVE_INFINITY, nowNs);
        diagnosis.sampleValue(FaultId.CELL_UNDERTEMPERATURE_DISCHARGE, coldest, nowNs);
        diagnosis.sampleCondition(FaultId.CELL_VOLTAGE_IMPLAUSIBLE, data.anyCellImplausible(), nowNs);
        diagnosis.sampleCondition(FaultId.TEMPERATURE_IMPLAUSIBLE, data.anyTemperatureImplausible(), nowNs);
        diagnosis.sampleValue(FaultId.PACK_VOLTAGE_MISMATCH,
                Math.abs(data.sumCellVoltageV() - data.packVoltageV()), nowNs);
        diagnosis.sampleCondition(FaultId.AFE_COMMUNICATION_LOSS, data.cellDataStale(), nowNs);
        diagnosis.sampleCondition(FaultId.VEHICLE_COMMUNICATION_LOSS, vehicle.lost(nowNs), nowNs);
        diagnosis.updateReactions(nowNs);
        stateMachine.tick(nowNs, data);
    }

    private void slowTask(long nowNs) {
        double dtS = tasks.slowPeriodNs() * 1e-9;
        averageCellCurrentA = chargeTimeS > 0 ? chargeAs / chargeTimeS : Double.NaN;
        chargeAs = 0;
        chargeTimeS = 0;
        balancing.bleedCellCurrents(acquisition, bleedCellCurrentA); // what the last decision drew since
        soc.update(acquisition, averageCellCurrentA, bleedCellCurrentA, dtS);
        diagnosis.sampleValue(FaultId.ISOLATION_LOW, acquisition.isolationResistanceOhm(), nowNs);
        if (openWire.runIfDue(nowNs)) {
            diagnosis.sampleCondition(FaultId.OPEN_WIRE, openWire.openWire(), nowNs);
        }
        balancing.update(nowNs, acquisition, soc, dtS, stateMachine.state() == BmsState.ERROR);
        limits.update(acquisition, soc, diagnosis, stateMachine.powerAvailable());
    }

    // ---- what the firmware knows ---------------------------------------------------------------------------

    public BmsConfig config() {
        return config;
    }

    public BmsState state() {
        return stateMachine.state();
    }

    public Acquisition acquisition() {
        return acquisition;
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }

    public SocEstimation soc() {
        return soc;
    }

    public Balancing balancing() {
        return balancing;
    }

    public CurrentLimits limits() {
        return limits;
    }

    public BmsStateMachine stateMachine() {
        return stateMachine;
    }

    public OpenWireCheck openWireCheck() {
        return openWire;
    }

    public EventLog events() {
        return events;
    }


    /** Task starts later than the overrun tolerance. */
    public long overruns() {
        return overruns;
    }

    /** Task periods skipped because a cycle came too late for them. */
    public long missedPeriods() {
        return missedPeriods;
    }
}
