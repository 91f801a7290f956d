package org.bmsbench.ui;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.port.ContactorId;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What the dashboard shows, as JFreeChart datasets, updated from snapshots on the Swing event thread. One
 * {@link #update} is one batch: every series is told not to notify while it changes, then notifies once, so
 * the charts redraw once per batch (at most 20 a second).
 */
public final class DashboardModel {
    /** Points kept per time series: 10 minutes at 20 Hz; older ones scroll out. */
    static final int HISTORY = 12_000;

    final XYSeries current = series("pack current");
    final XYSeries dischargeLimit = series("discharge limit");
    final XYSeries chargeLimit = series("charge limit (negative)");
    final XYSeries voltage = series("pack voltage");
    final XYSeries soc = series("soc, BMS estimate");
    final XYSeries trueSoc = series("soc, true (plant)");
    final XYSeriesCollection currents = new XYSeriesCollection();
    final XYSeriesCollection voltages = new XYSeriesCollection();
    final XYSeriesCollection socs = new XYSeriesCollection();
    /** Each channel's reading against its cell number (from 1), NaN where there is none. */
    final XYSeries cellVoltages = new XYSeries("cell voltage", true, false);
    final XYSeriesCollection cells = new XYSeriesCollection(cellVoltages);
    final DefaultXYZDataset temperatures = new DefaultXYZDataset();
    private boolean[] balancing = new boolean[0];
    private boolean[] valid = new boolean[0];
    private double cellMinV = Double.NaN;
    private double cellMaxV = Double.NaN;
    /** The channels (from 0) the lowest and highest valid readings are on, -1 for none. */
    private int cellMinIndex = -1;
    private int cellMaxIndex = -1;
    /** The channels (from 0) with the lowest and highest soc estimate: the two the displayed soc comes from. */
    private int socMinIndex = -1;
    private int socMaxIndex = -1;
    private double socMin = Double.NaN;
    private double socMax = Double.NaN;
    private double displayedSoc = Double.NaN;
    private double temperatureMinC = Double.NaN;
    private double temperatureMaxC = Double.NaN;
    private String state = "";
    private String contactors = "";
    private final List<ActiveFault> faults = new ArrayList<>();
    private final byte[] lastLevels = new byte[FaultId.COUNT];
    private double timeS;

    /** A fault with a tier raised: since when (the first snapshot that showed it) and at which tier. */
    public record ActiveFault(FaultId id, FaultLevel level, double sinceS) {
    }

    public DashboardModel() {
        currents.addSeries(current);
        currents.addSeries(dischargeLimit);
        currents.addSeries(chargeLimit);
        voltages.addSeries(voltage);
        socs.addSeries(soc);
        socs.addSeries(trueSoc);
        java.util.Arrays.fill(lastLevels, TelemetrySnapshot.NONE);
    }

    private static XYSeries series(String name) {
        XYSeries s = new XYSeries(name, true, true);
        s.setMaximumItemCount(HISTORY);
        return s;
    }

    /** Takes one snapshot into every dataset (Swing event thread). */
    public void update(TelemetrySnapshot s) {
        timeS = s.timeS();
        List<XYSeries> all = List.of(current, dischargeLimit, chargeLimit, voltage, soc, trueSoc);
        all.forEach(x -> x.setNotify(false));
        add(current, s.packCurrentA());
        add(dischargeLimit, s.dischargeLimitA());
        add(chargeLimit, -s.chargeLimitA());
        add(voltage, s.packVoltageV());
        add(soc, 100 * s.soc());
        displayedSoc = s.soc();
        add(trueSoc, 100 * s.trueSoc());
        all.forEach(x -> x.setNotify(true));
        cellMinV = s.cellMinV();
        cellMaxV = s.cellMaxV();
        state = org.bmsbench.firmware.contactor.BmsState.of(s.state()).id();
        contactors = contactorWords(s);
        updateFaults(s);
        if (s.hasCells()) {
            updateCells(s);
        }
    }

    private void add(XYSeries series, double v) {
        if (Double.isFinite(v)) {
            series.add(timeS, v, false);
        }
    }

    private void updateCells(TelemetrySnapshot s) {
        int n = s.channels();
        if (balancing.length != n) {
            balancing = new boolean[n];
            valid = new boolean[n];
        }
        cellVoltages.setNotify(false);
        cellVoltages.clear();
        cellMinIndex = -1;
        cellMaxIndex = -1;
        socMinIndex = -1;
        socMaxIndex = -1;
        for (int g = 0; g < n; g++) {
            double v = s.cellVoltageV(g);
            cellVoltages.add(g + 1, v, false);
            balancing[g] = s.balancing(g);
            valid[g] = s.cellValid(g);
            if (valid[g] && (cellMinIndex < 0 || v < s.cellVoltageV(cellMinIndex))) {
                cellMinIndex = g;
            }
            if (valid[g] && (cellMaxIndex < 0 || v > s.cellVoltageV(cellMaxIndex))) {
                cellMaxIndex = g;
            }
            double soc = s.cellSoc(g);
            if (Double.isFinite(soc) && (socMinIndex < 0 || soc < s.cellSoc(socMinIndex))) {
                socMinIndex = g;
            }
            if (Double.isFinite(soc) && (socMaxIndex < 0 || soc > s.cellSoc(socMaxIndex))) {
                socMaxIndex = g;
            }
        }
        socMin = socMinIndex < 0 ? Double.NaN : s.cellSoc(socMinIndex);
        socMax = socMaxIndex < 0 ? Double.NaN : s.cellSoc(socMaxIndex);
        cellVoltages.setNotify(true);
        int t = s.temperatureSensors();
        double[][] xyz = new double[3][t];
        temperatureMinC = Double.POSITIVE_INFINITY;
        temperatureMaxC = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < t; k++) {
            xyz[0][k] = k + 1;
            xyz[1][k] = 0;
            xyz[2][k] = s.temperatureC(k);
            temperatureMinC = Math.min(temperatureMinC, s.temperatureC(k));
            temperatureMaxC = Math.max(temperatureMaxC, s.temperatureC(k));
        }
        temperatures.addSeries("temperature", xyz); // replaces the series of that name, notifying once
    }

    private void updateFaults(TelemetrySnapshot s) {
        for (FaultId id : FaultId.values()) {
            byte level = s.fault(id);
            byte last = lastLevels[id.ordinal()];
            if (level != last) {
                faults.removeIf(f -> f.id() == id);
                if (level != TelemetrySnapshot.NONE) {
                    faults.add(new ActiveFault(id, FaultLevel.of(level), timeS));
                }
                lastLevels[id.ordinal()] = level;
            }
        }
    }

    private static String contactorWords(TelemetrySnapshot s) {
        boolean plus = s.contactorClosed(ContactorId.MAIN_POSITIVE);
        boolean minus = s.contactorClosed(ContactorId.MAIN_NEGATIVE);
        boolean pre = s.contactorClosed(ContactorId.PRECHARGE);
        if (plus && minus) {
            return "closed";
        }
        if (pre && minus) {
            return "precharging";
        }
        return plus || minus || pre ? "partly closed" : "open";
    }

    public boolean balancing(int cellIndex) {
        return cellIndex < balancing.length && balancing[cellIndex];
    }

    /** The channels shown (0 before the first cells arrive). */
    public int channels() {
        return valid.length;
    }

    /** Whether the BMS holds channel {@code cellIndex}'s reading plausible (and uses it). */
    public boolean valid(int cellIndex) {
        return cellIndex >= valid.length || valid[cellIndex];
    }

    /** The channels (from 0) the BMS holds implausible. */
    public List<Integer> implausibleChannels() {
        List<Integer> out = new ArrayList<>();
        for (int g = 0; g < valid.length; g++) {
            if (!valid[g]) {
                out.add(g);
            }
        }
        return out;
    }

    /** The channel (from 0) with the lowest valid reading, -1 for none. */
    public int cellMinIndex() {
        return cellMinIndex;
    }

    /** The channel (from 0) with the highest valid reading, -1 for none. */
    public int cellMaxIndex() {
        return cellMaxIndex;
    }

    /**
     * Why the displayed soc is what it is, in one line: the rule and the two channels it comes from (empty before
     * the first cells arrive).
     */
    public String socRule() {
        if (socMinIndex < 0 || !Double.isFinite(displayedSoc)) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "shown %.1f %% = min / (min + 1 - max): emptiest cell %d at"
                        + " %.1f %%, fullest cell %d at %.1f %%", 100 * displayedSoc, socMinIndex + 1, 100 * socMin,
                socMaxIndex + 1, 100 * socMax);
    }

    public double cellMinV() {
        return cellMinV;
    }

    public double cellMaxV() {
        return cellMaxV;
    }

    public double temperatureMinC() {
        return temperatureMinC;
    }

    public double temperatureMaxC() {
        return temperatureMaxC;
    }

    public String state() {
        return state;
    }

    public String contactors() {
        return contactors;
    }

    public List<ActiveFault> faults() {
        return List.copyOf(faults);
    }

    public double timeS() {
        return timeS;
    }
}
