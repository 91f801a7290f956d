package org.bmsbench.can.sensor;

import java.util.Arrays;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcCodec;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.hil.host.HilBoard;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;

/**
 * The firmware's hardware port when its sensors are on CAN ({@link SensorMessages}): cell voltages and
 * temperatures from foxBMS's AFE messages, a round of multiplexed frames making one conversion (a round with a frame
 * missing is dropped and counted, never half applied); current and the two HV voltages from an IVT-S (an error flag
 * makes the reading invalid); isolation from an iso165C; contactor feedback from the bench's I/O node, which gets
 * the coil commands (on every change and every 100 ms, which also keeps its watchdog fed) and the bleed switches (on
 * every change and every second). The firmware's staleness checks turn silent devices into faults; this port only
 * counts. Everything runs on the control loop's thread and allocates nothing per call.
 */
public final class CanSensorPort implements HilBoard {
    static final long COMMAND_REFRESH_NS = 100_000_000L;
    static final long BALANCE_REFRESH_NS = 1_000_000_000L;
    private static final long UNSET = Long.MIN_VALUE / 2;

    private final CanBus bus;
    private final SensorMessages messages;
    private final Measurements latest;
    private final CanFrame received = new CanFrame();
    private final CanFrame frame = new CanFrame();
    private final byte[] data = new byte[CanFrame.MAX_CLASSIC_LENGTH];
    private final Round cells;
    private final Round temperatures;
    private final double[] cellStaging;
    private final double[] temperatureStaging;
    private final boolean[] energised = new boolean[ContactorId.COUNT];
    private final boolean[] bleeding;
    private final boolean[] sentBleeding;
    private boolean sentDuringConversion;
    private long lastCommandNs = UNSET;
    private long lastBalanceNs = UNSET;
    private long lastFrameNs;
    private boolean started;
    private long nowNs;
    private final Stats stats = new Stats();

    /** What came over the bus, for the status line and the summary; read from another thread for display. */
    public static final class Stats {
        volatile long conversions;
        volatile long temperatureRounds;
        volatile long incompleteRounds;
        volatile long currentResults;
        volatile long isolationResults;
        volatile long feedbackFrames;
        volatile long malformed;
        volatile long wrongLayout;
        volatile long commandsSent;
        volatile boolean boardWatchdog;

        public long conversions() {
            return conversions;
        }

        public long temperatureRounds() {
            return temperatureRounds;
        }

        /** Rounds of AFE frames with a frame missing: dropped. */
        public long incompleteRounds() {
            return incompleteRounds;
        }

        public long currentResults() {
            return currentResults;
        }

        public long isolationResults() {
            return isolationResults;
        }

        public long feedbackFrames() {
            return feedbackFrames;
        }

        /** Frames too short for their message, remote frames, multiplexer values the pack does not have. */
        public long malformed() {
            return malformed;
        }

        /** IoBoardInfo frames announcing another layout than the one connected to. */
        public long wrongLayout() {
            return wrongLayout;
        }

        public long commandsSent() {
            return commandsSent;
        }

        /** Whether the I/O node last said it holds its safe state because the BMS fell silent. */
        public boolean boardWatchdog() {
            return boardWatchdog;
        }
    }

    /** A multiplexed round: which of its frames have arrived since its first. */
    private static final class Round {
        final boolean[] seen;
        int count;

        Round(int frames) {
            seen = new boolean[frames];
        }

        void restart() {
            Arrays.fill(seen, false);
            count = 0;
        }

        /** Marks frame {@code m}; true when that completes the round. */
        boolean mark(int m) {
            if (!seen[m]) {
                seen[m] = true;
                count++;
            }
            return count == seen.length;
        }
    }

    /** The pack's layout, as the I/O node announces it in IoBoardInfo. */
    public record Layout(int cells, int temperatureSensors, int boards) {
    }

    public CanSensorPort(CanBus bus, Layout layout) {
        this.bus = bus;
        this.messages = new SensorMessages(layout.cells(), layout.temperatureSensors(), layout.boards());
        this.latest = new Measurements(layout.cells(), layout.temperatureSensors(), layout.boards());
        this.cells = new Round(messages.cellFrames());
        this.temperatures = new Round(messages.temperatureFrames());
        this.cellStaging = new double[layout.cells()];
        this.temperatureStaging = new double[layout.temperatureSensors() + layout.boards()];
        this.bleeding = new boolean[layout.cells()];
        this.sentBleeding = new boolean[layout.cells()];
    }

    /**
     * Waits for the I/O node's IoBoardInfo on {@code bus} for at most {@code timeoutNs} (sensor frames that arrive
     * meanwhile are dropped: the port starts from the next round); returns the layout it announces, or null.
     */
    public static Layout awaitLayout(CanBus bus, long timeoutNs) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeoutNs) {
            Layout layout = layoutIn(bus);
            if (layout != null) {
                return layout;
            }
            Thread.sleep(2);
        }
        return null;
    }

    /** Reads what {@code bus} holds, up to the first IoBoardInfo: the layout it announces, or null. Never waits. */
    public static Layout layoutIn(CanBus bus) {
        DbcMessage info = SensorMessages.ioDatabase().message("IoBoardInfo").orElseThrow();
        CanFrame in = new CanFrame();
        while (bus.receive(in)) {
            if (!in.extended() && in.id() == info.id() && in.length() >= info.length()) {
                int cells = (int) DbcCodec.decodeRaw(signal(info, "Cells"), in.data());
                int sensors = (int) DbcCodec.decodeRaw(signal(info, "TemperatureSensors"), in.data());
                int boards = (int) DbcCodec.decodeRaw(signal(info, "Boards"), in.data());
                if (cells > 0) {
                    return new Layout(cells, sensors, boards);
                }
            }
        }
        return null;
    }

    /**
     * Sends the first coil command (all released; it starts an emulated board's scenario) and polls until a
     * conversion and a current result have arrived, for at most {@code timeoutNs}, so that the firmware's first tick
     * has data, as a BMS waits for its AFE's first conversion at start-up. The port's own time base starts again at
     * the next {@link #poll}. False when the data did not come in time.
     */
    public boolean awaitData(long timeoutNs) throws InterruptedException {
        long origin = System.nanoTime();
        try {
            while (true) {
                long now = System.nanoTime() - origin;
                poll(now);
                if (hasData()) {
                    return true;
                }
                if (now > timeoutNs) {
                    return false;
                }
                Thread.sleep(1);
            }
        } finally {
            started = false;
            lastCommandNs = UNSET;
            lastBalanceNs = UNSET;
        }
    }

    /** Whether a whole conversion and a current result have arrived. */
    public boolean hasData() {
        return stats.conversions > 0 && stats.currentResults > 0;
    }

    private static DbcSignal signal(DbcMessage message, String name) {
        return message.signal(name).orElseThrow();
    }

    @Override
    public int cellChannelCount() {
        return messages.cells;
    }

    @Override
    public int temperatureSensorCount() {
        return messages.temperatureSensors;
    }

    @Override
    public int boardCount() {
        return messages.boards;
    }

    @Override
    public Measurements latest() {
        return latest;
    }

    public Stats stats() {
        return stats;
    }

    /** Time since the last frame from a device or the I/O node, ns. */
    public long silenceNs(long now) {
        return now - lastFrameNs;
    }

    /** The bus the port reads and commands on. */
    public CanBus bus() {
        return bus;
    }

    @Override
    public void read(long now, Measurements into) {
        poll(now);
        into.copyFrom(latest);
    }

    @Override
    public void poll(long now) {
        nowNs = now;
        if (!started) {
            started = true;
            lastFrameNs = now;
            lastCommandNs = UNSET;
        }
        while (bus.receive(received)) {
            onFrame();
        }
        if (now - lastCommandNs >= COMMAND_REFRESH_NS) {
            sendCoils();
        }
    }

    private void onFrame() {
        if (received.extended()) {
            return;
        }
        int id = received.id();
        DbcMessage message = id == messages.cellVoltages.id() ? messages.cellVoltages
                : id == messages.cellTemperatures.id() ? messages.cellTemperatures
                : id == messages.current.message.id() ? messages.current.message
                : id == messages.packVoltage.message.id() ? messages.packVoltage.message
                : id == messages.linkVoltage.message.id() ? messages.linkVoltage.message
                : id == messages.isolation.id() ? messages.isolation
                : id == messages.contactorFeedback.id() ? messages.contactorFeedback
                : id == messages.boardInfo.id() ? messages.boardInfo : null;
        if (message == null) {
            return; // the BMS's own commands as another node echoes them, or a device this port does not read
        }
        if (received.remote() || received.length() < message.length()) {
            stats.malformed++;
            bus.counters().countMalformed();
            return;
        }
        lastFrameNs = nowNs;
        byte[] in = received.data();
        if (message == messages.cellVoltages) {
            onCellVoltages(in);
        } else if (message == messages.cellTemperatures) {
            onTemperatures(in);
        } else if (message == messages.current.message) {
            latest.setPackCurrentA(ivt(messages.current, in) / 1000);
            latest.setTimestampNs(nowNs);
            stats.currentResults++;
        } else if (message == messages.packVoltage.message) {
            latest.setPackVoltageV(ivt(messages.packVoltage, in) / 1000);
        } else if (message == messages.linkVoltage.message) {
            latest.setLinkVoltageV(ivt(messages.linkVoltage, in) / 1000);
        } else if (message == messages.isolation) {
            boolean usable = DbcCodec.decodeRaw(messages.isolationDeactivated, in) == 0
                    && DbcCodec.decodeRaw(messages.isolationOutdated, in) == 0
                    && DbcCodec.decodeRaw(messages.isolationConnectionError, in) == 0;
            latest.setIsolationResistanceOhm(usable ? 1000 * DbcCodec.decode(messages.isolationKohm, in) : Double.NaN);
            stats.isolationResults++;
        } else if (message == messages.contactorFeedback) {
            for (int k = 0; k < ContactorId.COUNT; k++) {
                latest.setContactorClosed(ContactorId.of(k), DbcCodec.decodeRaw(messages.auxiliary[k], in) != 0);
            }
            stats.feedbackFrames++;
        } else {
            onBoardInfo(in);
        }
    }

    private void onCellVoltages(byte[] in) {
        int m = (int) DbcCodec.decodeRaw(messages.cellMux, in);
        if (m >= cells.seen.length) {
            stats.malformed++;
            return;
        }
        if (m == 0 && cells.count > 0) { // a new round began before the last one was complete
            stats.incompleteRounds++;
            cells.restart();
        }
        int last = Math.min(messages.cells, (m + 1) * SensorMessages.CELLS_PER_FRAME);
        for (int c = m * SensorMessages.CELLS_PER_FRAME; c < last; c++) {
            cellStaging[c] = DbcCodec.decodeRaw(messages.cellInvalid[c], in) != 0 ? Double.NaN
                    : DbcCodec.decode(messages.cellValueMv[c], in) / 1000;
        }
        if (cells.mark(m)) {
            latest.setCellVoltagesV(cellStaging);
            latest.completeConversion(nowNs);
            stats.conversions++;
            cells.restart();
        }
    }

    private void onTemperatures(byte[] in) {
        int m = (int) DbcCodec.decodeRaw(messages.temperatureMux, in);
        if (m >= temperatures.seen.length) {
            stats.malformed++;
            return;
        }
        if (m == 0 && temperatures.count > 0) {
            stats.incompleteRounds++;
            temperatures.restart();
        }
        int last = Math.min(temperatureStaging.length, (m + 1) * SensorMessages.TEMPERATURES_PER_FRAME);
        for (int s = m * SensorMessages.TEMPERATURES_PER_FRAME; s < last; s++) {
            temperatureStaging[s] = DbcCodec.decodeRaw(messages.temperatureInvalid[s], in) != 0 ? Double.NaN
                    : DbcCodec.decode(messages.temperatureValueC[s], in);
        }
        if (temperatures.mark(m)) {
            int sensors = messages.temperatureSensors;
            for (int s = 0; s < sensors; s++) {
                latest.setTemperatureC(s, temperatureStaging[s]);
            }
            for (int b = 0; b < messages.boards; b++) {
                latest.setBoardTemperatureC(b, temperatureStaging[sensors + b]);
            }
            stats.temperatureRounds++;
            temperatures.restart();
        }
    }

    /** An IVT-S result in its unit (mA, mV), NaN when any of its error flags is set. */
    private static double ivt(SensorMessages.Ivt ivt, byte[] in) {
        for (DbcSignal error : ivt.errors) {
            if (DbcCodec.decodeRaw(error, in) != 0) {
                return Double.NaN;
            }
        }
        return DbcCodec.decode(ivt.value, in);
    }

    private void onBoardInfo(byte[] in) {
        if (DbcCodec.decodeRaw(messages.infoCells, in) != messages.cells
                || DbcCodec.decodeRaw(messages.infoTemperatures, in) != messages.temperatureSensors
                || DbcCodec.decodeRaw(messages.infoBoards, in) != messages.boards) {
            stats.wrongLayout++;
        }
        stats.boardWatchdog = DbcCodec.decodeRaw(messages.infoWatchdog, in) != 0;
    }

    // ---- commands ------------------------------------------------------------------------------------------

    @Override
    public void commandContactor(ContactorId id, boolean energise) {
        if (energised[id.ordinal()] != energise) {
            energised[id.ordinal()] = energise;
            sendCoils();
        }
    }

    private void sendCoils() {
        clear(messages.contactorCommand);
        for (int k = 0; k < ContactorId.COUNT; k++) {
            DbcCodec.encodeRaw(messages.coil[k], energised[k] ? 1 : 0, data);
        }
        send(messages.contactorCommand);
        lastCommandNs = nowNs;
    }

    @Override
    public void commandBalancing(long now, boolean[] on, boolean dischargeDuringConversion) {
        int n = Math.min(on.length, bleeding.length);
        System.arraycopy(on, 0, bleeding, 0, n);
        boolean changed = dischargeDuringConversion != sentDuringConversion || !Arrays.equals(bleeding, sentBleeding);
        if (changed || now - lastBalanceNs >= BALANCE_REFRESH_NS) {
            for (int g = 0; g < messages.bleedGroups(); g++) {
                clear(messages.balancing);
                DbcCodec.encodeRaw(messages.bleedGroup, g, data);
                DbcCodec.encodeRaw(messages.dischargeDuringConversion, dischargeDuringConversion ? 1 : 0, data);
                long mask = 0;
                int first = g * SensorMessages.BLEEDS_PER_FRAME;
                int last = Math.min(bleeding.length, first + SensorMessages.BLEEDS_PER_FRAME);
                for (int c = first; c < last; c++) {
                    if (bleeding[c]) {
                        mask |= 1L << (c - first);
                    }
                }
                DbcCodec.encodeRaw(messages.bleedMask, mask, data);
                send(messages.balancing);
            }
            System.arraycopy(bleeding, 0, sentBleeding, 0, bleeding.length);
            sentDuringConversion = dischargeDuringConversion;
            lastBalanceNs = now;
        }
    }

    /** The AFE on CAN runs its own open-wire check and reports broken wires as invalid channels. */
    @Override
    public boolean openWireConversion(long now, boolean pullUp, double[] out) {
        return false;
    }

    private void clear(DbcMessage message) {
        Arrays.fill(data, 0, message.length(), (byte) 0);
    }

    private void send(DbcMessage message) {
        bus.send(frame.set(message.id(), message.extended(), data, message.length()));
        stats.commandsSent++;
    }
}
