package org.bmsbench.fit;

import java.nio.file.Path;
import java.util.Arrays;
import org.bmsbench.config.ConfigException;
import org.bmsbench.io.MeasuredCycle;

/**
 * A measured test as the characterisation and validation read it: time, current (positive on discharge),
 * terminal voltage, cell temperature and the charge taken out since the first sample. The charge comes from the
 * tester's own counter ({@code discharged_ah}) when the file has one, otherwise from the current, each sample
 * held until the next (as a tester logs it).
 *
 * @param name         the file's name, for reports
 * @param timeS        never decreasing
 * @param currentA     positive on discharge
 * @param voltageV     the terminal voltage
 * @param temperatureC the cell temperature, NaN where the file has none
 * @param chargeOutAh  the charge taken out since the first sample, Ah
 */
public record Recording(String name, double[] timeS, double[] currentA, double[] voltageV, double[] temperatureC,
                        double[] chargeOutAh) {
    /** Reads a measured-cycle file ({@code time_s,current_a,voltage_v[,temperature_c][,discharged_ah]}). */
    public static Recording read(Path file) {
        MeasuredCycle cycle = MeasuredCycle.read(file);
        double[] time = cycle.timeS();
        double[] current = cycle.currentA();
        double[] voltage = cycle.voltageV().orElseThrow(() -> new ConfigException(file.toString(),
                "no voltage_v column: the terminal voltage is what the model is fitted to and checked against",
                null));
        double[] temperature = cycle.temperatureC().orElseGet(() -> {
            double[] none = new double[time.length];
            Arrays.fill(none, Double.NaN);
            return none;
        });
        double[] charge = cycle.dischargedAh().map(Recording::fromFirst).orElseGet(() -> integrate(time, current));
        return new Recording(file.getFileName().toString(), time, current, voltage, temperature, charge);
    }

    private static double[] fromFirst(double[] counter) {
        double[] out = new double[counter.length];
        for (int k = 0; k < counter.length; k++) {
            out[k] = counter[k] - counter[0];
        }
        return out;
    }

    private static double[] integrate(double[] time, double[] current) {
        double[] out = new double[time.length];
        for (int k = 1; k < time.length; k++) {
            out[k] = out[k - 1] + current[k - 1] * (time[k] - time[k - 1]) / 3600.0;
        }
        return out;
    }

    public int samples() {
        return timeS.length;
    }

    /** True when the file gives the cell temperature. */
    public boolean hasTemperature() {
        return !Double.isNaN(temperatureC[0]);
    }

    /** The median measured temperature, or NaN without a temperature column. */
    public double medianTemperatureC() {
        if (!hasTemperature()) {
            return Double.NaN;
        }
        double[] sorted = temperatureC.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The temperature at sample {@code k}, or {@code fallbackC} where the file has none. */
    public double temperatureC(int k, double fallbackC) {
        double t = temperatureC[k];
        return Double.isNaN(t) ? fallbackC : t;
    }
}
