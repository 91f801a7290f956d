package org.bmsbench.fit;

import java.util.ArrayList;
import java.util.List;
import org.bmsbench.model.CellParameters;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackConfig;

/**
 * A lab test recorded from a cell of known parameters, as a tester would log it: each sample's current flows
 * until the next sample, and each sample's voltage is the cell's at that instant. Stretches can go unlogged
 * (the log jumps), and the tester can read the current with an offset.
 */
public final class SyntheticTest {
    private final Pack pack;
    private final double temperatureC;
    private final double[] temperature;
    private final List<double[]> rows = new ArrayList<>(); // time, current as logged, voltage, charge counter
    private double timeS;
    private double voltageV;
    private double counterAh;
    private double offsetA;

    public SyntheticTest(CellParameters cell, double initialSoc, double initialH, double temperatureC) {
        this.pack = new Pack(PackConfig.of(cell, 1, 1, initialSoc), temperatureC, 1);
        if (cell.hysteresis().isPresent()) {
            pack.setHysteresisState(0, initialH);
        }
        this.temperatureC = temperatureC;
        this.temperature = new double[] {temperatureC};
        step(1e-6, 0.0); // the rested voltage at the start
    }

    /** The tester reads every current it drives {@code offsetA} high (and counts charge with it). */
    public SyntheticTest offset(double value) {
        offsetA = value;
        return this;
    }

    /** {@code seconds} of {@code currentA} (positive discharges), logged every {@code sampleS}. */
    public SyntheticTest current(double currentA, double seconds, double sampleS) {
        int samples = (int) Math.round(seconds / sampleS);
        for (int k = 0; k < samples; k++) {
            log(currentA);
            step(sampleS, currentA);
        }
        return this;
    }

    public SyntheticTest rest(double seconds, double sampleS) {
        return current(0.0, seconds, sampleS);
    }

    /** {@code currentA} until the voltage reaches {@code limitV} (below it discharging, above it charging). */
    public SyntheticTest until(double currentA, double limitV, double sampleS) {
        while (currentA > 0 ? voltageV > limitV : voltageV < limitV) {
            log(currentA);
            step(sampleS, currentA);
        }
        return this;
    }

    /** {@code seconds} of {@code currentA} the log does not show. */
    public SyntheticTest unlogged(double currentA, double seconds) {
        double stepS = 1.0;
        for (double done = 0; done < seconds; done += stepS) {
            step(Math.min(stepS, seconds - done), currentA);
        }
        return this;
    }

    private void log(double currentA) {
        double logged = currentA == 0 ? 0.0 : currentA + offsetA;
        rows.add(new double[] {timeS, logged, voltageV, counterAh});
    }

    private void step(double dtS, double currentA) {
        pack.prepare(dtS, temperature);
        pack.apply(currentA);
        voltageV = pack.groupVoltageV(0);
        counterAh += (currentA == 0 ? 0.0 : currentA + offsetA) * dtS / 3600.0;
        timeS += dtS;
    }

    /** The log as a measured-cycle CSV file (the bench's format). */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        Recording r = recording(file.getFileName().toString());
        StringBuilder csv = new StringBuilder("time_s,current_a,voltage_v,temperature_c,discharged_ah\n");
        for (int k = 0; k < r.samples(); k++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.5f,%.6f,%.2f,%.7f%n", r.timeS()[k],
                    r.currentA()[k], r.voltageV()[k], r.temperatureC()[k], r.chargeOutAh()[k]));
        }
        java.nio.file.Files.writeString(file, csv);
    }

    public Recording recording(String name) {
        List<double[]> all = new ArrayList<>(rows);
        all.add(new double[] {timeS, 0.0, voltageV, counterAh}); // the last sample: where the log stops
        int n = all.size();
        double[] t = new double[n];
        double[] i = new double[n];
        double[] v = new double[n];
        double[] temp = new double[n];
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            double[] row = all.get(k);
            t[k] = row[0];
            i[k] = row[1];
            v[k] = row[2];
            temp[k] = temperatureC;
            q[k] = row[3] - all.get(0)[3];
        }
        return new Recording(name, t, i, v, temp, q);
    }
}
