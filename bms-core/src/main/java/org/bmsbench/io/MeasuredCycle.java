package org.bmsbench.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bmsbench.config.ConfigException;
import org.bmsbench.sim.load.CurrentProfileLoad;

/**
 * A measured cycle in the bench's CSV format ({@code ../shared/data/README.md}):
 * {@code time_s,current_a[,voltage_v][,temperature_c][,discharged_ah]}, plain or gzip, one header row, columns
 * found by name (others ignored). Current is positive on discharge. Time never decreases (a tester may log two
 * records at the same instant when a step changes).
 */
public final class MeasuredCycle {
    public static final String TIME = "time_s";
    public static final String CURRENT = "current_a";
    public static final String VOLTAGE = "voltage_v";
    public static final String TEMPERATURE = "temperature_c";
    public static final String DISCHARGED = "discharged_ah";
    /** Readings beyond these are refused: 100 kA (a pack's current scaled up stays below), 10 kV, -273.15..1000 degC. */
    static final double MAX_CURRENT_A = 1e5;
    static final double MAX_VOLTAGE_V = 1e4;
    static final double MIN_TEMPERATURE_C = -273.15;
    static final double MAX_TEMPERATURE_C = 1000.0;

    private final String source;
    private final NumericCsv csv;

    private MeasuredCycle(NumericCsv csv) {
        this.source = csv.source();
        this.csv = csv;
    }

    /** Reads a measured-cycle file; problems are {@link ConfigException}s with the line. */
    public static MeasuredCycle read(Path file) {
        NumericCsv csv = NumericCsv.read(file, List.of(TIME, CURRENT), List.of(VOLTAGE, TEMPERATURE, DISCHARGED));
        csv.requireNonDecreasing(TIME);
        // what a cell on a tester can read: a reading beyond is a unit or column mistake, not a measurement
        csv.requireWithin(CURRENT, -MAX_CURRENT_A, MAX_CURRENT_A, "a current");
        csv.requireWithin(VOLTAGE, 0.0, MAX_VOLTAGE_V, "a voltage");
        csv.requireWithin(TEMPERATURE, MIN_TEMPERATURE_C, MAX_TEMPERATURE_C, "a temperature");
        if (csv.rows() < 2) {
            throw new ConfigException(file.toString(), "a measured cycle needs two or more rows, got "
                    + csv.rows(), null);
        }
        return new MeasuredCycle(csv);
    }

    public String source() {
        return source;
    }

    public int samples() {
        return csv.rows();
    }

    public double[] timeS() {
        return csv.column(TIME).clone();
    }

    public double[] currentA() {
        return csv.column(CURRENT).clone();
    }

    public Optional<double[]> voltageV() {
        return optional(VOLTAGE);
    }

    public Optional<double[]> temperatureC() {
        return optional(TEMPERATURE);
    }

    public Optional<double[]> dischargedAh() {
        return optional(DISCHARGED);
    }

    /**
     * The measured current as a load, replayed sample by sample from the cycle's first sample and
     * multiplied by {@code scale} (e.g. the cells in parallel, for a per-cell trace on a group).
     */
    public CurrentProfileLoad currentProfile(double scale) {
        return new CurrentProfileLoad(source, csv.column(TIME), csv.column(CURRENT), scale);
    }

    private Optional<double[]> optional(String name) {
        return csv.has(name) ? Optional.of(csv.column(name).clone()) : Optional.empty();
    }
}
