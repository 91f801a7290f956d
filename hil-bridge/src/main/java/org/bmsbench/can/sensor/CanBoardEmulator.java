package org.bmsbench.can.sensor;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBusSplit;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.profile.CanVehicle;
import org.bmsbench.hil.emulator.EmulatedBoard;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;
import org.bmsbench.scenario.CoSimulation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;
import org.bmsbench.sim.PackPlant;

/**
 * A scenario's pack on a CAN bus as the devices a BMS reads there: an AFE sending foxBMS's
 * {@code AFE_CellVoltages} after every conversion and {@code AFE_CellTemperatures} after every temperature
 * conversion (each a round of multiplexed frames; at most one round per {@code minRoundNs} for a slower bus), an IVT-S sending the current and two voltages every 10 ms, an
 * iso165C sending its result every second, and the bench's I/O node (its layout every second, the auxiliary contacts
 * every 10 ms; it obeys coil and bleed-switch commands). The scenario's vehicle is on the same bus
 * ({@link CanVehicle}): its requests in the profile's messages, the limits it obeys read from the BMS's.
 *
 * <p>The scenario starts with the BMS's first coil command (which it repeats every 100 ms). When the BMS falls silent
 * for {@link #HOST_WATCHDOG_NS} the I/O node releases every coil and bleed switch, and it turns the bleed switches
 * off when no bleed command came for {@link #BALANCE_TIMEOUT_NS}, as the serial board does. Device messages go out
 * on the plant's clock, so their rates are the simulated hardware's whatever the host machine's load.
 */
public final class CanBoardEmulator implements EmulatedBoard {
    public static final long HOST_WATCHDOG_NS = 500_000_000L;
    static final long BALANCE_TIMEOUT_NS = 2_000_000_000L;
    /** The IVT-S's cyclic results: foxBMS's DBC gives its messages no cycle time; 10 ms is within its range. */
    static final long IVT_PERIOD_NS = 10_000_000L;

    private final Scenario scenario;
    private final CoSimulation simulation;
    private final PackPlant plant;
    private final CanBusSplit split;
    private final CanBus devices;
    private final CanVehicle vehicle;
    private final SensorMessages messages;
    private final List<ScenarioEvent> events = new CopyOnWriteArrayList<>();
    private final CanFrame frame = new CanFrame();
    private final CanFrame received = new CanFrame();
    private final byte[] data = new byte[CanFrame.MAX_CLASSIC_LENGTH];
    private final boolean[] groupBleeding;
    private final long infoPeriodNs;
    private final long feedbackPeriodNs;
    private final long isolationPeriodNs;
    private final long minRoundNs;
    private long sentConversion = -1;
    private long sentTemperatures = -1;
    private long nextCellRoundNs;
    private long nextTemperatureRoundNs;
    private long nextIvtNs;
    private long nextFeedbackNs;
    private long nextIsolationNs;
    private long nextInfoWallNs = Long.MIN_VALUE;
    private int ivtCount;
    private boolean started;
    private boolean watchdogTripped;
    private long wallNs;
    private long lastHostFrameWallNs;
    private long balanceDeadlineWallNs = Long.MAX_VALUE;
    private long framesSent;
    private long commandsReceived;
    private long malformed;

    /** An AFE that sends every conversion's round. */
    public CanBoardEmulator(Scenario scenario, CanBus bus, String profile) {
        this(scenario, bus, profile, 0);
    }

    /**
     * @param bus        the bus the BMS is on; the emulator owns it from now on (closed by {@link #close})
     * @param profile    the vehicle's messages ({@code bmsbench} or {@code foxbms})
     * @param minRoundNs the least time between two rounds of AFE frames (0: every conversion's): the latest
     *                   conversion goes out when it is up, so a slower bus carries fewer, never half, rounds
     */
    public CanBoardEmulator(Scenario scenario, CanBus bus, String profile, long minRoundNs) {
        if (minRoundNs < 0) {
            throw new IllegalArgumentException("the AFE's round period must be 0 or more, got " + minRoundNs + " ns");
        }
        this.minRoundNs = minRoundNs;
        this.scenario = scenario;
        this.split = new CanBusSplit(bus, SensorMessages::isSensorId);
        this.devices = split.claimed();
        this.vehicle = new CanVehicle(scenario, profile, split.rest(), null, null);
        this.simulation = CoSimulation.withoutFirmware(scenario, vehicle, events);
        this.plant = simulation.plant();
        Measurements m = plant.measurements();
        this.messages = new SensorMessages(m.cellChannelCount(), m.temperatureSensorCount(), m.boardCount());
        this.groupBleeding = new boolean[messages.bleedGroups()];
        this.infoPeriodNs = cycleNs(messages.boardInfo);
        this.feedbackPeriodNs = cycleNs(messages.contactorFeedback);
        this.isolationPeriodNs = cycleNs(messages.isolation);
    }

    private static long cycleNs(DbcMessage message) {
        return message.cycleTimeMs() * 1_000_000L;
    }

    @Override
    public boolean step(long wall) {
        wallNs = wall;
        receiveCommands();
        if (wall >= nextInfoWallNs) {
            sendBoardInfo();
            nextInfoWallNs = wall + infoPeriodNs;
        }
        if (!started) {
            return true;
        }
        superviseHost();
        vehicle.sendDue(plant.timeNs());
        simulation.step();
        sendMeasurements(plant.timeNs());
        vehicle.receive(plant.timeNs());
        return simulation.running();
    }

    // ---- the BMS's commands ----------------------------------------------------------------------------------

    private void receiveCommands() {
        while (devices.receive(received)) {
            int id = received.id();
            if (id == messages.contactorCommand.id()) {
                if (valid(messages.contactorCommand)) {
                    hostHeard();
                    for (int k = 0; k < ContactorId.COUNT; k++) {
                        plant.commandContactor(ContactorId.of(k),
                                DbcCodec.decodeRaw(messages.coil[k], received.data()) != 0);
                    }
                }
            } else if (id == messages.balancing.id()) {
                if (valid(messages.balancing)) {
                    hostHeard();
                    bleed();
                }
            }
        }
    }

    private boolean valid(DbcMessage message) {
        if (received.remote() || received.length() < message.length()) {
            malformed++;
            devices.counters().countMalformed();
            return false;
        }
        commandsReceived++;
        return true;
    }

    private void hostHeard() {
        lastHostFrameWallNs = wallNs;
        if (!started) {
            started = true;
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_CONNECTED, ""));
            simulation.start();
            return;
        }
        plant.afe().hostActivity(plant.timeNs());
        if (watchdogTripped) {
            watchdogTripped = false;
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_BACK, ""));
        }
    }

    private void bleed() {
        byte[] in = received.data();
        int group = (int) DbcCodec.decodeRaw(messages.bleedGroup, in);
        if (group >= groupBleeding.length) {
            malformed++;
            devices.counters().countMalformed();
            return;
        }
        plant.afe().setDischargeDuringConversion(DbcCodec.decodeRaw(messages.dischargeDuringConversion, in) != 0);
        long mask = DbcCodec.decodeRaw(messages.bleedMask, in);
        int first = group * SensorMessages.BLEEDS_PER_FRAME;
        int last = Math.min(messages.cells, first + SensorMessages.BLEEDS_PER_FRAME);
        boolean any = false;
        for (int c = first; c < last; c++) {
            boolean on = (mask >>> (c - first) & 1) != 0;
            plant.afe().commandBalancing(c, on, plant.timeNs());
            any |= on;
        }
        groupBleeding[group] = any;
        balanceDeadlineWallNs = bleeding() ? wallNs + BALANCE_TIMEOUT_NS : Long.MAX_VALUE;
    }

    private boolean bleeding() {
        for (boolean g : groupBleeding) {
            if (g) {
                return true;
            }
        }
        return false;
    }

    private void superviseHost() {
        if (!watchdogTripped && wallNs - lastHostFrameWallNs > HOST_WATCHDOG_NS) {
            watchdogTripped = true;
            for (int k = 0; k < ContactorId.COUNT; k++) {
                plant.commandContactor(ContactorId.of(k), false);
            }
            allBleedsOff();
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.HOST_WATCHDOG,
                    "no frame from the BMS for " + HOST_WATCHDOG_NS / 1_000_000 + " ms: coils and bleed switches off"));
        }
        if (wallNs >= balanceDeadlineWallNs) {
            allBleedsOff();
            events.add(new ScenarioEvent.BoardEvent(plant.timeNs(), ScenarioEvent.BoardAction.BALANCE_TIMEOUT,
                    "no IoBalancing in time"));
        }
    }

    private void allBleedsOff() {
        for (int c = 0; c < messages.cells; c++) {
            plant.afe().commandBalancing(c, false, plant.timeNs());
        }
        Arrays.fill(groupBleeding, false);
        balanceDeadlineWallNs = Long.MAX_VALUE;
    }

    // ---- the devices' messages -------------------------------------------------------------------------------

    private void sendMeasurements(long nowNs) {
        Measurements m = plant.measurements();
        if (m.sequence() != sentConversion && nowNs >= nextCellRoundNs) {
            sentConversion = m.sequence();
            nextCellRoundNs = nowNs + minRoundNs;
            sendCellVoltages(m);
        }
        if (m.temperaturesVersion() != sentTemperatures && nowNs >= nextTemperatureRoundNs) {
            sentTemperatures = m.temperaturesVersion();
            nextTemperatureRoundNs = nowNs + minRoundNs;
            sendTemperatures(m);
        }
        if (nowNs >= nextIvtNs) {
            nextIvtNs = nowNs + IVT_PERIOD_NS;
            ivtCount = (ivtCount + 1) & 0xF;
            sendIvt(messages.current, m.packCurrentA() * 1000);
            sendIvt(messages.packVoltage, m.packVoltageV() * 1000);
            sendIvt(messages.linkVoltage, m.linkVoltageV() * 1000);
        }
        if (nowNs >= nextFeedbackNs) {
            nextFeedbackNs = nowNs + feedbackPeriodNs;
            clear(messages.contactorFeedback);
            for (int k = 0; k < ContactorId.COUNT; k++) {
                DbcCodec.encodeRaw(messages.auxiliary[k], m.contactorClosed(ContactorId.of(k)) ? 1 : 0, data);
            }
            send(messages.contactorFeedback);
        }
        if (nowNs >= nextIsolationNs) {
            nextIsolationNs = nowNs + isolationPeriodNs;
            sendIsolation(m.isolationResistanceOhm());
        }
    }

    private void sendCellVoltages(Measurements m) {
        for (int f = 0; f < messages.cellFrames(); f++) {
            clear(messages.cellVoltages);
            DbcCodec.encodeRaw(messages.cellMux, f, data);
            int last = Math.min(messages.cells, (f + 1) * SensorMessages.CELLS_PER_FRAME);
            for (int c = f * SensorMessages.CELLS_PER_FRAME; c < last; c++) {
                double v = m.cellVoltageV(c);
                DbcCodec.encodeRaw(messages.cellInvalid[c], Double.isNaN(v) ? 1 : 0, data);
                DbcCodec.encode(messages.cellValueMv[c], Double.isNaN(v) ? 0 : 1000 * v, data);
            }
            send(messages.cellVoltages);
        }
    }

    private void sendTemperatures(Measurements m) {
        int sensors = messages.temperatureSensors;
        int slots = sensors + messages.boards;
        for (int f = 0; f < messages.temperatureFrames(); f++) {
            clear(messages.cellTemperatures);
            DbcCodec.encodeRaw(messages.temperatureMux, f, data);
            int last = Math.min(slots, (f + 1) * SensorMessages.TEMPERATURES_PER_FRAME);
            for (int s = f * SensorMessages.TEMPERATURES_PER_FRAME; s < last; s++) {
                double t = s < sensors ? m.temperatureC(s) : m.boardTemperatureC(s - sensors);
                DbcCodec.encodeRaw(messages.temperatureInvalid[s], Double.isNaN(t) ? 1 : 0, data);
                DbcCodec.encode(messages.temperatureValueC[s], Double.isNaN(t) ? 0 : t, data);
            }
            send(messages.cellTemperatures);
        }
    }

    /** One IVT-S result; a reading the sensor lost goes out as a measurement error. */
    private void sendIvt(SensorMessages.Ivt ivt, double value) {
        clear(ivt.message);
        DbcCodec.encodeRaw(ivt.resultId, ivt.resultIdValue, data);
        DbcCodec.encodeRaw(ivt.counter, ivtCount, data);
        if (Double.isNaN(value)) {
            DbcCodec.encodeRaw(ivt.errors[1], 1, data);
        } else {
            DbcCodec.encode(ivt.value, value, data);
        }
        send(ivt.message);
    }

    /** The iso165C's result; before its first measurement it reports the result as outdated. */
    private void sendIsolation(double ohm) {
        clear(messages.isolation);
        if (Double.isNaN(ohm)) {
            DbcCodec.encodeRaw(messages.isolationOutdated, 1, data);
        } else {
            DbcCodec.encode(messages.isolationKohm, ohm / 1000, data);
        }
        send(messages.isolation);
    }

    private void sendBoardInfo() {
        clear(messages.boardInfo);
        DbcCodec.encodeRaw(messages.infoCells, messages.cells, data);
        DbcCodec.encodeRaw(messages.infoTemperatures, messages.temperatureSensors, data);
        DbcCodec.encodeRaw(messages.infoBoards, messages.boards, data);
        DbcCodec.encodeRaw(messages.infoVersion, SensorMessages.PROTOCOL_VERSION, data);
        DbcCodec.encodeRaw(messages.infoWatchdog, watchdogTripped ? 1 : 0, data);
        DbcCodec.encodeRaw(messages.infoBalancing, bleeding() ? 1 : 0, data);
        send(messages.boardInfo);
    }

    private void clear(DbcMessage message) {
        Arrays.fill(data, 0, message.length(), (byte) 0);
    }

    private void send(DbcMessage message) {
        devices.send(frame.set(message.id(), message.extended(), data, message.length()));
        framesSent++;
    }

    // ---- for the command's summary ---------------------------------------------------------------------------

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public PackPlant plant() {
        return plant;
    }

    @Override
    public List<ScenarioEvent> events() {
        return events;
    }

    public long framesSent() {
        return framesSent;
    }

    public long commandsReceived() {
        return commandsReceived;
    }

    /** Commands refused: short, remote, or a bleed group the pack does not have. */
    public long malformed() {
        return malformed;
    }

    /** What the vehicle sent and received on the bus. */
    public CanVehicle vehicle() {
        return vehicle;
    }

    public void close() {
        split.close();
    }
}
