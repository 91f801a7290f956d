package org.bmsbench.ui;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.mqtt.TelemetrySnapshot;
import org.bmsbench.port.ContactorId;
import org.jfree.data.category.DefaultCategoryDataset;
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
    final DefaultCategoryDataset cells = new DefaultCategoryDataset();
    final DefaultXYZDataset temperatures = new DefaultXYZDataset();
    private boolean[] balancing = new boolean[0];
    private double cellMinV = Double.NaN;
    private double cellMaxV = Double.NaN;
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
        }
        cells.setNotify(false);
        for (int g = 0; g < n; g++) {
            cells.setValue(s.cellVoltageV(g), "cell voltage", Integer.valueOf(g + 1));
            balancing[g] = s.balancing(g);
        }
        cells.setNotify(true);
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
