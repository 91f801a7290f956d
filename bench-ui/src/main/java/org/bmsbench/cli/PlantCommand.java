package org.bmsbench.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.ConfigException;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.model.CellParameters;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.CoSimulation;
import org.bmsbench.sim.CellVariation;
import org.bmsbench.sim.Pack;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.SpeedTrace;
import org.bmsbench.sim.load.VehicleParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Drives the simulated pack alone (no BMS yet) through a drive cycle and reports what happened to it: the
 * plant on its own, to see that it behaves like a battery.
 */
@Command(name = "plant",
        mixinStandardHelpOptions = true,
        description = {
            "Drive the simulated pack through a drive cycle without a BMS and report what the cells did.",
            "The command closes the contactors itself (precharge first) and stops at the end of the cycle,"
                    + " or as soon as a cell leaves its voltage window, since no BMS protects the pack."})
final class PlantCommand implements Callable<Integer> {
    /** Energy of the battery whose power a simulated pack shares by default: a mid-size EV's. */
    private static final double CAR_BATTERY_KWH = 75.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--cell", paramLabel = "CELL", defaultValue = "panasonic-18650pf",
            description = "Bundled cell preset or path to a cell file (default: ${DEFAULT-VALUE}).")
    private String cell;

    @Option(names = "--series", paramLabel = "N", defaultValue = "96",
            description = "Series groups (default: ${DEFAULT-VALUE}).")
    private int series;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Cells per group (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--soc", paramLabel = "X", defaultValue = "0.95",
            description = "Initial state of charge, 0..1 (default: ${DEFAULT-VALUE}).")
    private double initialSoc;

    @Option(names = "--cycle", paramLabel = "CYCLE", defaultValue = "wltc-3b",
            description = "Bundled drive cycle (udds, hwfet, us06, wltc-3b, nedc) or a time_s,speed_mps CSV file"
                    + " (default: ${DEFAULT-VALUE}).")
    private String cycle;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Times to run the cycle (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--car-battery-kwh", paramLabel = "KWH", defaultValue = "" + CAR_BATTERY_KWH,
            description = "The pack carries the share of a mid-size EV's battery power that its energy is of this"
                    + " (default: ${DEFAULT-VALUE} kWh).")
    private double carBatteryKwh;

    @Option(names = "--temperature-c", paramLabel = "C", defaultValue = "25",
            description = "Ambient and initial temperature, degC (default: ${DEFAULT-VALUE}).")
    private double temperatureC;

    @Option(names = "--capacity-spread", paramLabel = "X", defaultValue = "0.01",
            description = "Cell capacity spread, relative sigma (default: ${DEFAULT-VALUE}).")
    private double capacitySpread;

    @Option(names = "--resistance-spread", paramLabel = "X", defaultValue = "0.03",
            description = "Cell resistance spread, relative sigma (default: ${DEFAULT-VALUE}).")
    private double resistanceSpread;

    @Option(names = "--soc-spread", paramLabel = "X", defaultValue = "0.005",
            description = "Initial soc spread, sigma (default: ${DEFAULT-VALUE}).")
    private double socSpread;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for the cell spread and sensor noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--step-ms", paramLabel = "MS", defaultValue = "10",
            description = "Simulation step, ms (default: ${DEFAULT-VALUE}).")
    private double stepMs;

    @Option(names = "--trace", paramLabel = "FILE.csv", description = "Write a 1 s trace of the run to this CSV file.")
    private Path trace;

    /** Checks every option by its own name before anything runs. */
    private void validateOptions() {
        require(series >= 1, "--series must be 1 or more, got " + series);
        require(parallel >= 1, "--parallel must be 1 or more, got " + parallel);
        require((long) series * parallel <= PackConfig.MAX_CELLS,
                "--series x --parallel must be at most " + PackConfig.MAX_CELLS + " cells");
        require(initialSoc >= 0 && initialSoc <= 1, "--soc must be between 0 and 1, got " + initialSoc);
        require(repeat >= 1, "--repeat must be 1 or more, got " + repeat);
        require(carBatteryKwh > 0 && Double.isFinite(carBatteryKwh),
                "--car-battery-kwh must be above 0, got " + carBatteryKwh);
        require(temperatureC >= -40 && temperatureC <= 80, "--temperature-c must be between -40 and 80, got "
                + temperatureC);
        double most = CellVariation.MAX_RELATIVE_SIGMA;
        require(capacitySpread >= 0 && capacitySpread <= most, "--capacity-spread must be between 0 and " + most
                + ", got " + capacitySpread);
        require(resistanceSpread >= 0 && resistanceSpread <= most, "--resistance-spread must be between 0 and "
                + most + ", got " + resistanceSpread);
        require(socSpread >= 0 && socSpread <= most, "--soc-spread must be between 0 and " + most + ", got "
                + socSpread);
        require(stepMs > 0 && stepMs <= 1000, "--step-ms must be above 0 and at most 1000, got " + stepMs);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public Integer call() {
        validateOptions();
        CellParameters cellParameters = CellFiles.load(cell);
        SpeedTrace speedTrace = SpeedTraces.load(cycle);
        PackConfig packConfig = PackConfig.of(cellParameters, series, parallel, initialSoc)
                .withVariation(new CellVariation(capacitySpread, resistanceSpread, socSpread, 0.1));
        PackPlant plant = new PackPlant(PlantConfig.of(packConfig, temperatureC, seed));
        double packKwh = packConfig.nominalEnergyWh() / 1000;
        double share = packKwh / carBatteryKwh;
        long stepNs = Math.round(stepMs * 1e6);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bms-bench plant: %ds%dp %s (%.3f Ah cells, %.2f kWh), seed %d%n", series, parallel,
                cellParameters.name(), cellParameters.nominalCapacityAh(), packKwh, seed);
        out.printf(Locale.ROOT, "cycle %s x%d: %.0f s, %.2f km; the pack carries %.2f %% of a %.0f kWh car's "
                + "battery power%n", speedTrace.name(), repeat, speedTrace.durationS() * repeat,
                speedTrace.distanceM() * repeat / 1000, 100 * share, carBatteryKwh);
        out.println("No BMS in the loop: contactors closed by this command, stop at a cell voltage limit.");

        CoSimulation simulation = new CoSimulation(plant, null, null, stepNs); // no BMS, no scenario
        Summary start = Summary.of(plant);
        if (!closeContactors(simulation)) {
            spec.commandLine().getErr().printf(Locale.ROOT, "bmsbench: precharge failed: the link reached %.1f V of"
                    + " the pack's %.1f V in 2 s%n", plant.contactors().linkVoltageV(), plant.pack().terminalVoltageV());
            return 1;
        }
        plant.setLoad(new DriveCycleLoad(speedTrace, VehicleParameters.MIDSIZE_EV, repeat, share));
        RunStats stats = new RunStats();
        long wallStart = System.nanoTime();
        try (TraceFile traceFile = trace == null ? null : new TraceFile(trace)) {
            long[] nextTraceNs = {plant.timeNs()};
            simulation.setObserver(sim -> {
                stats.observe(plant);
                if (traceFile != null && plant.timeNs() >= nextTraceNs[0]) {
                    traceFile.write(plant);
                    nextTraceNs[0] += 1_000_000_000L;
                }
                stats.stopReason = voltageLimitCrossed(plant);
                if (stats.stopReason != null) {
                    sim.stop();
                }
            });
            while (simulation.running() && !plant.load().isFinished(plant.timeS())) {
                simulation.step();
            }
        }
        String stopReason = stats.stopReason == null ? "end of the cycle" : stats.stopReason;
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        plant.commandContactor(ContactorId.MAIN_POSITIVE, false);
        plant.commandContactor(ContactorId.MAIN_NEGATIVE, false);
        Summary end = Summary.of(plant);

        out.printf(Locale.ROOT, "stopped at %.1f s: %s%n", plant.timeS(), stopReason);
        out.printf(Locale.ROOT, "%d steps of %s ms in %.2f s wall time (%.0fx real time)%n%n", stats.steps,
                trimmed(stepMs), wallS, plant.timeS() / wallS);
        out.printf(Locale.ROOT, "%-28s %10s %10s%n", "", "start", "end");
        out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "soc mean", start.socMean, end.socMean);
        out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "soc spread (max - min)", start.socSpread, end.socSpread);
        out.printf(Locale.ROOT, "%-28s %10.2f %10.2f%n", "pack voltage, V", start.packV, end.packV);
        out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "cell voltage min, V", start.cellMinV, end.cellMinV);
        out.printf(Locale.ROOT, "%-28s %10.3f %10.3f%n", "cell voltage max, V", start.cellMaxV, end.cellMaxV);
        out.printf(Locale.ROOT, "%-28s %10.2f %10.2f%n", "temperature max, degC", start.tempMaxC, end.tempMaxC);
        out.println();
        out.printf(Locale.ROOT, "energy out %.1f Wh (%.0f Wh/km for the car), charge out %.3f Ah%n",
                plant.netEnergyWh(), plant.netEnergyWh() / share / (stats.distanceKm(speedTrace, repeat, plant)),
                plant.netChargeAh());
        out.printf(Locale.ROOT, "peak current %.1f A discharge, %.1f A charge; lowest cell %.3f V, highest %.3f V%n",
                stats.peakDischargeA, -stats.peakChargeA, stats.lowestCellV, stats.highestCellV);
        out.printf(Locale.ROOT, "heat in the cells %.1f kJ%n", plant.heatJ() / 1000);
        if (trace != null) {
            out.println("trace written to " + trace);
        }
        return 0;
    }

    /**
     * The simplest correct closing sequence: main negative and precharge, then main positive at 95 %. False when
     * the link does not get there in 2 s.
     */
    private static boolean closeContactors(CoSimulation simulation) {
        PackPlant plant = simulation.plant();
        plant.commandContactor(ContactorId.MAIN_NEGATIVE, true);
        plant.commandContactor(ContactorId.PRECHARGE, true);
        double deadline = plant.timeS() + 2.0;
        while (plant.contactors().linkVoltageV() < 0.95 * plant.pack().terminalVoltageV()) {
            simulation.step();
            if (plant.timeS() > deadline) {
                plant.commandContactor(ContactorId.PRECHARGE, false);
                plant.commandContactor(ContactorId.MAIN_NEGATIVE, false);
                return false;
            }
        }
        plant.commandContactor(ContactorId.MAIN_POSITIVE, true);
        while (!plant.contactors().isMainPathClosed()) {
            simulation.step();
        }
        plant.commandContactor(ContactorId.PRECHARGE, false);
        return true;
    }

    private static String voltageLimitCrossed(PackPlant plant) {
        Pack pack = plant.pack();
        CellParameters cell = pack.config().cell();
        for (int g = 0; g < pack.seriesCount(); g++) {
            double v = pack.groupVoltageV(g);
            if (v < cell.minVoltageV()) {
                return String.format(Locale.ROOT, "cell group %d fell to %.3f V, below its %.2f V limit", g, v,
                        cell.minVoltageV());
            }
            if (v > cell.maxVoltageV()) {
                return String.format(Locale.ROOT, "cell group %d rose to %.3f V, above its %.2f V limit", g, v,
                        cell.maxVoltageV());
            }
        }
        return null;
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The pack's state at one moment, for the start/end table. */
    private static final class Summary {
        double socMean;
        double socSpread;
        double packV;
        double cellMinV;
        double cellMaxV;
        double tempMaxC;

        static Summary of(PackPlant plant) {
            Pack pack = plant.pack();
            Summary s = new Summary();
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            s.tempMaxC = -Double.MAX_VALUE;
            for (int c = 0; c < pack.cellCount(); c++) {
                s.socMean += pack.soc(c) / pack.cellCount();
                min = Math.min(min, pack.soc(c));
                max = Math.max(max, pack.soc(c));
                s.tempMaxC = Math.max(s.tempMaxC, plant.thermal().temperatureC(c));
            }
            s.socSpread = max - min;
            s.packV = pack.terminalVoltageV();
            s.cellMinV = Double.MAX_VALUE;
            s.cellMaxV = -Double.MAX_VALUE;
            for (int g = 0; g < pack.seriesCount(); g++) {
                s.cellMinV = Math.min(s.cellMinV, pack.groupVoltageV(g));
                s.cellMaxV = Math.max(s.cellMaxV, pack.groupVoltageV(g));
            }
            return s;
        }
    }

    /** Extremes seen over the run. */
    private static final class RunStats {
        long steps;
        double peakDischargeA;
        double peakChargeA;
        double lowestCellV = Double.MAX_VALUE;
        double highestCellV = -Double.MAX_VALUE;
        double elapsedS;
        /** Why the run stopped before the cycle's end; null while it goes on. */
        String stopReason;

        void observe(PackPlant plant) {
            steps++;
            Pack pack = plant.pack();
            peakDischargeA = Math.max(peakDischargeA, pack.stringCurrentA());
            peakChargeA = Math.min(peakChargeA, pack.stringCurrentA());
            for (int g = 0; g < pack.seriesCount(); g++) {
                lowestCellV = Math.min(lowestCellV, pack.groupVoltageV(g));
                highestCellV = Math.max(highestCellV, pack.groupVoltageV(g));
            }
            elapsedS = plant.timeS();
        }

        /** Distance the car covered before the run stopped, km (whole cycles plus the part driven). */
        double distanceKm(SpeedTrace trace, int repeat, PackPlant plant) {
            return trace.distanceM() * repeat / 1000 * Math.min(1.0, elapsedS / (trace.durationS() * repeat));
        }
    }

    /** The 1 s trace: what the sensors reported and the truth beside it. */
    private static final class TraceFile implements AutoCloseable {
        private final CsvWriter writer;

        TraceFile(Path file) {
            try {
                writer = CsvWriter.builder().build(file);
            } catch (IOException e) {
                throw new ConfigException(file.toString(), "cannot write the trace: " + e.getMessage(), e);
            }
            writer.writeRecord("time_s", "pack_current_a", "pack_voltage_v", "link_voltage_v", "soc_mean",
                    "soc_min", "soc_max", "cell_voltage_min_v", "cell_voltage_max_v", "temperature_max_c");
        }

        void write(PackPlant plant) {
            Summary s = Summary.of(plant);
            Pack pack = plant.pack();
            double socMin = Double.MAX_VALUE;
            for (int c = 0; c < pack.cellCount(); c++) {
                socMin = Math.min(socMin, pack.soc(c));
            }
            writer.writeRecord(fmt(plant.timeS()), fmt(pack.stringCurrentA()), fmt(s.packV),
                    fmt(plant.contactors().linkVoltageV()), fmt(s.socMean), fmt(socMin), fmt(socMin + s.socSpread),
                    fmt(s.cellMinV), fmt(s.cellMaxV), fmt(s.tempMaxC));
        }

        private static String fmt(double value) {
            return String.format(Locale.ROOT, "%.5g", value);
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
