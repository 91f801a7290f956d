package org.bmsbench.firmware;

import java.util.Arrays;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;

/**
 * The firmware's view of the pack: the port's measurements, copied once per read, with the trust in each
 * decided once. A cell reading is valid when it is a number, in the plausible range, not frozen, and the AFE
 * data is not stale; a temperature when it is a number in range and fresh; the current when it is a number
 * and fresh. Statistics (lowest, highest, sum) cover valid readings only, and are NaN when there are none,
 * so that later stages never compare an untrustworthy value with a limit.
 *
 * <p>Control-loop thread only; nothing allocates after construction.
 */
public final class Acquisition {
    private final AcquisitionConfig config;
    private final HardwarePort port;
    private final Measurements m;
    private final int channels;
    private final int sensors;
    private final int parallel;
    private final int[] channelSensor;
    private double fallbackTemperatureC = 25.0;

    private final boolean[] cellValid;
    private final boolean[] temperatureValid;
    private final double[] lastRawV;
    private final int[] sameCount;
    private long lastSequence = -1;
    private boolean evaluated;
    private long lastTemperaturesVersion = -1;
    private long nowNs;

    private boolean cellDataStale;
    private boolean anyCellImplausible;
    private boolean anyTemperatureImplausible;
    private boolean currentValid;
    private boolean fastSignalsFresh;
    private int validCells;
    private double minCellV;
    private double maxCellV;
    private int minCellIndex;
    private int maxCellIndex;
    private double sumCellV;
    private double minTemperatureC;
    private double maxTemperatureC;
    private double maxBoardTemperatureC;

    /**
     * @param parallel                  cells in parallel per series group
     * @param cellsPerTemperatureSensor how the temperature sensors are laid out (1: one per cell), to know
     *                                  which sensor sits on each channel's cells
     */
    public Acquisition(AcquisitionConfig config, HardwarePort port, int parallel, int cellsPerTemperatureSensor) {
        this.config = config;
        this.port = port;
        this.m = port.newMeasurements();
        this.channels = m.cellChannelCount();
        this.sensors = m.temperatureSensorCount();
        this.parallel = parallel;
        this.channelSensor = new int[channels];
        for (int g = 0; g < channels; g++) {
            channelSensor[g] = Math.max(0, Math.min(sensors - 1, g * parallel / cellsPerTemperatureSensor));
        }
        cellValid = new boolean[channels];
        temperatureValid = new boolean[sensors];
        lastRawV = new double[channels];
        Arrays.fill(lastRawV, Double.NaN);
        sameCount = new int[channels];
    }

    /**
     * Reads the port and re-evaluates the validity flags and statistics: the current's every read, the cells'
     * when a new conversion has arrived, the temperatures' when they changed, and both when the data has just
     * turned stale (or fresh again).
     */
    public void read(long now) {
        nowNs = now;
        port.read(now, m);
        // current, pack and link voltage are sampled together: when the sample is old, none of them holds
        fastSignalsFresh = now - m.timestampNs() <= config.currentStaleAfterNs();
        currentValid = !Double.isNaN(m.packCurrentA()) && fastSignalsFresh;
        boolean stale = m.sequence() == 0 || now - m.cellTimestampNs() > config.staleAfterNs();
        boolean newConversion = m.sequence() != lastSequence;
        boolean staleChanged = stale != cellDataStale || !evaluated;
        cellDataStale = stale;
        if (newConversion || staleChanged) {
            lastSequence = m.sequence();
            evaluateCells(newConversion);
        }
        if (m.temperaturesVersion() != lastTemperaturesVersion || staleChanged) {
            lastTemperaturesVersion = m.temperaturesVersion();
            evaluateTemperatures();
        }
        evaluated = true;
    }

    private void evaluateCells(boolean newConversion) {
        if (newConversion) {
            boolean flowing = currentValid && Math.abs(cellCurrentA()) > config.frozenMinCurrentA();
            for (int g = 0; g < channels; g++) {
                double v = m.cellVoltageV(g);
                sameCount[g] = flowing && v == lastRawV[g] ? sameCount[g] + 1 : 0;
                lastRawV[g] = v;
            }
        }
        double lowestV = config.minCellVoltageV();
        double highestV = config.maxCellVoltageV();
        int frozenConversions = config.frozenConversions();
        boolean stale = cellDataStale;
        boolean implausible = false;
        int valid = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int minIndex = -1;
        int maxIndex = -1;
        for (int g = 0; g < channels; g++) {
            double v = m.cellVoltageV(g);
            // non-short-circuit: one branch per channel instead of three; NaN fails both comparisons
            boolean plausible = v >= lowestV & v <= highestV & sameCount[g] < frozenConversions;
            implausible |= !plausible;
            boolean ok = plausible & !stale;
            cellValid[g] = ok;
            if (ok) {
                valid++;
                sum += v;
                if (v < min) {
                    min = v;
                    minIndex = g;
                }
                if (v > max) {
                    max = v;
                    maxIndex = g;
                }
            }
        }
        anyCellImplausible = implausible;
        validCells = valid;
        minCellV = valid > 0 ? min : Double.NaN;
        maxCellV = valid > 0 ? max : Double.NaN;
        minCellIndex = minIndex;
        maxCellIndex = maxIndex;
        sumCellV = valid == channels ? sum : Double.NaN;
    }

    private void evaluateTemperatures() {
        anyTemperatureImplausible = false;
        minTemperatureC = Double.NaN;
        maxTemperatureC = Double.NaN;
        for (int s = 0; s < sensors; s++) {
            double t = m.temperatureC(s);
            boolean plausible = t > config.minTemperatureC() && t < config.maxTemperatureC();
            anyTemperatureImplausible |= !plausible;
            boolean valid = plausible && !cellDataStale;
            temperatureValid[s] = valid;
            if (valid) {
                minTemperatureC = Double.isNaN(minTemperatureC) ? t : Math.min(minTemperatureC, t);
                maxTemperatureC = Double.isNaN(maxTemperatureC) ? t : Math.max(maxTemperatureC, t);
            }
        }
        maxBoardTemperatureC = Double.NaN;
        for (int b = 0; b < m.boardCount(); b++) {
            double t = m.boardTemperatureC(b);
            if (t > config.minTemperatureC() && t < config.maxTemperatureC() && !cellDataStale) {
                maxBoardTemperatureC = Double.isNaN(maxBoardTemperatureC) ? t : Math.max(maxBoardTemperatureC, t);
            }
        }
    }

    // ---- cells -------------------------------------------------------------------------------------------

    public int channelCount() {
        return channels;
    }

    /** Series-group voltage as read, V (look at {@link #cellValid} before using it). */
    public double cellVoltageV(int g) {
        return m.cellVoltageV(g);
    }

    public boolean cellValid(int g) {
        return cellValid[g];
    }

    /** True when every channel is valid. */
    public boolean allCellsValid() {
        return validCells == channels;
    }

    public int validCellCount() {
        return validCells;
    }

    /** Lowest valid cell voltage, V; NaN without any. */
    public double minCellVoltageV() {
        return minCellV;
    }

    /** Highest valid cell voltage, V; NaN without any. */
    public double maxCellVoltageV() {
        return maxCellV;
    }

    public int minCellIndex() {
        return minCellIndex;
    }

    public int maxCellIndex() {
        return maxCellIndex;
    }

    /** Sum of all cell voltages, V; NaN unless every channel is valid. */
    public double sumCellVoltageV() {
        return sumCellV;
    }

    /** Some channel reads invalid, out of range or frozen. */
    public boolean anyCellImplausible() {
        return anyCellImplausible;
    }

    /** No new cell data for longer than the stale time. */
    public boolean cellDataStale() {
        return cellDataStale;
    }

    /** Age of the cell data, ns. */
    public long cellDataAgeNs() {
        return nowNs - m.cellTimestampNs();
    }

    /** Conversions completed by the AFE. */
    public long conversionSequence() {
        return m.sequence();
    }

    // ---- temperatures ------------------------------------------------------------------------------------

    public int temperatureSensorCount() {
        return sensors;
    }

    public double temperatureC(int s) {
        return m.temperatureC(s);
    }

    public boolean temperatureValid(int s) {
        return temperatureValid[s];
    }

    /** Lowest valid temperature, degC; NaN without any. */
    public double minTemperatureC() {
        return minTemperatureC;
    }

    /** Highest valid temperature, degC; NaN without any. */
    public double maxTemperatureC() {
        return maxTemperatureC;
    }

    public boolean anyTemperatureImplausible() {
        return anyTemperatureImplausible;
    }

    /**
     * The temperature of channel {@code g}: its own sensor's when valid, else the hottest valid sensor's (the
     * safe side for limits), else the last known.
     */
    public double channelTemperatureC(int g) {
        int s = channelSensor[g];
        if (temperatureValid[s]) {
            return m.temperatureC(s);
        }
        if (!Double.isNaN(maxTemperatureC)) {
            fallbackTemperatureC = maxTemperatureC;
        }
        return fallbackTemperatureC;
    }

    /** Highest valid AFE board temperature, degC; NaN without any. */
    public double maxBoardTemperatureC() {
        return maxBoardTemperatureC;
    }

    // ---- current, HV, contactors, isolation --------------------------------------------------------------

    /** Pack current, A, positive on discharge; NaN when invalid or stale. */
    public double packCurrentA() {
        return currentValid ? m.packCurrentA() : Double.NaN;
    }

    /** Current per cell (pack current over the cells in parallel), A; NaN when invalid. */
    public double cellCurrentA() {
        return currentValid ? m.packCurrentA() / parallel : Double.NaN;
    }

    public boolean currentValid() {
        return currentValid;
    }

    /** True when a valid current says the pack is charging. */
    public boolean charging() {
        return currentValid && m.packCurrentA() / parallel < -config.chargingCurrentA();
    }

    /** Pack voltage before the contactors, V; NaN when invalid or stale. */
    public double packVoltageV() {
        return fastSignalsFresh ? m.packVoltageV() : Double.NaN;
    }

    /** DC-link voltage after the contactors, V; NaN when invalid or stale. */
    public double linkVoltageV() {
        return fastSignalsFresh ? m.linkVoltageV() : Double.NaN;
    }

    /** The contactor's feedback as last reported (look at {@link #contactorFeedbackFresh} before trusting it). */
    public boolean contactorClosed(ContactorId id) {
        return m.contactorClosed(id);
    }

    /**
     * True when the contactor feedback is fresh: it is sampled with the current, and a report older than the
     * current's stale time says nothing about what the contactors are doing now (the link to the board may be
     * down, the board frozen).
     */
    public boolean contactorFeedbackFresh() {
        return fastSignalsFresh;
    }

    /** True when fresh feedback says the contactor is closed: a stale report is no evidence either way. */
    public boolean contactorSeenClosed(ContactorId id) {
        return fastSignalsFresh && m.contactorClosed(id);
    }

    /** True when fresh feedback says the contactor is open. */
    public boolean contactorSeenOpen(ContactorId id) {
        return fastSignalsFresh && !m.contactorClosed(id);
    }

    public double isolationResistanceOhm() {
        return m.isolationResistanceOhm();
    }

    /** The raw snapshot (read-only by convention). */
    public Measurements measurements() {
        return m;
    }

    public int parallel() {
        return parallel;
    }
}
