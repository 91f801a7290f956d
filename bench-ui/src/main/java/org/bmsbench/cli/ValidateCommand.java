package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.fit.CurrentAlignment;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellParameters;
import org.bmsbench.report.JsonOut;
import org.bmsbench.validate.Validation;
import org.bmsbench.validate.ValidationPlot;
import org.bmsbench.validate.ValidationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a cell model and a soc estimator against measured tests ({@code docs/characterisation.md}). */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Drive the cell model with a measured current and temperature and report its terminal-voltage error;"
                    + " run the soc estimator on the measured current, voltage and temperature and report its error"
                    + " against the charge count (each test must start full). Several files, or folders of them,"
                    + " give a table and the figures over all of them."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cell", required = true, paramLabel = "CELL", description = "A bundled preset or a cell file.")
    private String cell;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Measured tests (time_s,current_a,voltage_v[,temperature_c][,discharged_ah]); a folder"
                    + " stands for every .csv and .csv.gz file in it.")
    private List<Path> data;

    @Option(names = "--initial-soc", paramLabel = "X",
            description = "Where the estimator starts (default: the true initial soc, 1).")
    private Double initialSoc;

    @Option(names = "--initial-soc-sigma", paramLabel = "X",
            description = "The estimator's uncertainty at the start, one sigma (default: soc.anchor_soc_sigma from"
                    + " the true start; 0.29, a soc known only to lie between empty and full, from --initial-soc).")
    private Double initialSocSigma;

    @Option(names = "--estimator", defaultValue = "ekf", paramLabel = "ekf|spkf|coulomb",
            description = "The soc estimator, as the firmware configures it (default: ${DEFAULT-VALUE}).")
    private String estimator;

    @Option(names = "--current-alignment", defaultValue = "same-sample", paramLabel = "same-sample|previous",
            description = "Which logged current produced a logged voltage: the same sample's (a logger that reads"
                    + " both together), or the previous sample's (a log of set-points written as they are applied)."
                    + " Default: ${DEFAULT-VALUE}.")
    private String alignment;

    @Option(names = "--config", paramLabel = "BMS.yaml", description = "A BMS configuration whose soc settings the"
            + " estimator uses (default: the bundled defaults, docs/bms-config.md); --estimator overrides its choice.")
    private Path config;

    @Option(names = "--json", description = "Print the figures as JSON: one object for one file; for several, the"
            + " files' objects under \"files\" and the figures over all of them under \"aggregate\".")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png|DIR",
            description = "Also draw measured and model voltage, reference and estimated soc with its 3-sigma band;"
                    + " with several files, a folder to draw one PNG per file in.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        SocConfig.Estimator which = switch (estimator) {
            case "ekf" -> SocConfig.Estimator.EKF;
            case "spkf" -> SocConfig.Estimator.SPKF;
            case "coulomb" -> SocConfig.Estimator.COULOMB;
            default -> throw new IllegalArgumentException("--estimator must be ekf, spkf or coulomb, got '" + estimator
                    + "'");
        };
        if (initialSoc != null && !(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("--initial-soc must be from 0 to 1, got " + initialSoc);
        }
        if (initialSocSigma != null && !(initialSocSigma > 0 && initialSocSigma <= 1)) {
            throw new IllegalArgumentException("--initial-soc-sigma must be above 0 and at most 1, got "
                    + initialSocSigma);
        }
        CurrentAlignment currentAlignment;
        try {
            currentAlignment = CurrentAlignment.of(alignment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--current-alignment must be same-sample or previous, got '"
                    + alignment + "'");
        }
        List<Path> files = files();
        CellParameters cellParameters = CellFiles.load(cell);
        SocConfig settings = (config == null ? BmsConfigFiles.defaults() : BmsConfigFiles.read(config)).soc();
        Validation.Options options = new Validation.Options(settings.with(which),
                initialSoc == null ? Double.NaN : initialSoc, initialSocSigma == null ? Double.NaN : initialSocSigma,
                currentAlignment);
        List<Validation.Result> results = new ArrayList<>();
        for (Path file : files) {
            results.add(Validation.run(cellParameters, Recording.read(file), options));
        }
        List<Path> plots = plots(results);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> figures = new LinkedHashMap<>();
            if (results.size() == 1) {
                figures = figures(results.get(0));
            } else {
                figures.put("files", results.stream().map(ValidateCommand::figures).toList());
                figures.put("aggregate", aggregate(ValidationSummary.of(results)));
            }
            out.println(JsonOut.mapper().writeValueAsString(figures));
        } else if (results.size() == 1) {
            describe(out, results.get(0));
        } else {
            table(out, results);
        }
        for (Path p : plots) {
            if (!json) {
                out.println("plot: " + p);
            }
        }
        out.flush();
        return 0;
    }

    /** The files named, folders expanded to their .csv and .csv.gz files in name order. */
    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : data) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> listing = Files.list(p)) {
                    List<Path> found = listing.filter(f -> {
                        String name = f.getFileName().toString();
                        return Files.isRegularFile(f) && (name.endsWith(".csv") || name.endsWith(".csv.gz"));
                    }).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException(p + ": no .csv or .csv.gz files in this folder");
                    }
                    files.addAll(found);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private List<Path> plots(List<Validation.Result> results) throws IOException {
        if (plot == null) {
            return List.of();
        }
        if (results.size() == 1 && !Files.isDirectory(plot)) {
            ValidationPlot.write(results.get(0), plot);
            return List.of(plot);
        }
        Files.createDirectories(plot);
        List<Path> written = new ArrayList<>();
        for (Validation.Result r : results) {
            Path file = plot.resolve(r.file().replaceFirst("\\.csv(\\.gz)?$", "") + ".png");
            ValidationPlot.write(r, file);
            written.add(file);
        }
        return written;
    }

    private void describe(PrintWriter out, Validation.Result r) {
        out.printf(Locale.ROOT, "%s on %s (%d samples, %.0f s, cell %s, capacity %.4f Ah at %.1f degC)%n",
                r.cell(), r.file(), r.samples(), r.durationS(), cell, r.capacityAh(), r.testTemperatureC());
        out.printf(Locale.ROOT, "terminal voltage: %.1f mV RMS, %.0f mV at most; %.1f mV RMS above %.0f %% soc%n",
                1000 * r.voltageRmseV(), 1000 * r.voltageMaxAbsErrorV(), 1000 * r.voltageRmseAboveLowSocV(),
                100 * Validation.LOW_SOC);
        out.printf(Locale.ROOT, "soc (%s from %.3f): %.2f %% RMS, %.2f %% at most; after the first %.0f s: %.2f %%"
                        + " RMS, %.2f %% at most (%.2f %% RMS above %.0f %% soc)%n", r.estimator().id(), r.initialSoc(),
                100 * r.socRmse(), 100 * r.socMaxAbsError(), Validation.SETTLE_S, 100 * r.socRmseAfterSettle(),
                100 * r.socMaxAbsErrorAfterSettle(), 100 * r.socRmseAboveLowSoc(), 100 * Validation.LOW_SOC);
        out.printf(Locale.ROOT, "soc within its 3-sigma band %.1f %% of the time; within %.0f points after %s%n",
                100 * r.socCoverage(), 100 * Validation.CONVERGED_SOC, seconds(r.convergedAfterS()));
    }

    private void table(PrintWriter out, List<Validation.Result> results) {
        int width = Math.max(4, results.stream().mapToInt(r -> r.file().length()).max().orElse(4));
        String row = "%-" + width + "s %7s %9s %9s %9s %9s %9s %8s%n";
        out.printf(Locale.ROOT, "%s on %d files, %s from %s; soc after the first %.0f s%n", results.get(0).cell(),
                results.size(), results.get(0).estimator().id(),
                initialSoc == null ? "the true start" : String.format(Locale.ROOT, "%.3f", initialSoc),
                Validation.SETTLE_S);
        out.printf(Locale.ROOT, row, "file", "degC", "V RMS", "V >5%", "soc RMS", "soc max", "3-sigma", "to 2 %");
        for (Validation.Result r : results) {
            out.printf(Locale.ROOT, row, r.file(), String.format(Locale.ROOT, "%.1f", r.testTemperatureC()),
                    millivolts(r.voltageRmseV()), millivolts(r.voltageRmseAboveLowSocV()), percent(r.socRmseAfterSettle()),
                    percent(r.socMaxAbsErrorAfterSettle()), percent(r.socCoverage()), seconds(r.convergedAfterS()));
        }
        ValidationSummary all = ValidationSummary.of(results);
        out.printf(Locale.ROOT, row, "all (pooled; worst max)", "", millivolts(all.voltageRmseV()),
                millivolts(all.voltageRmseAboveLowSocV()), percent(all.socRmseAfterSettle()),
                percent(all.worstSocMaxAbsErrorAfterSettle()), percent(all.socCoverage()),
                seconds(all.slowestConvergenceS()));
    }

    private static String millivolts(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f mV", 1000 * v);
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * x);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "never" : String.format(Locale.ROOT, "%.0f s", s);
    }

    private static Map<String, Object> figures(Validation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("cell", r.cell());
        m.put("estimator", r.estimator().id());
        m.put("initial_soc", r.initialSoc());
        m.put("capacity_ah", r.capacityAh());
        m.put("test_temperature_c", r.testTemperatureC());
        m.put("duration_s", r.durationS());
        m.put("samples", r.samples());
        m.put("voltage_rmse_v", finite(r.voltageRmseV()));
        m.put("voltage_max_abs_error_v", finite(r.voltageMaxAbsErrorV()));
        m.put("soc_rmse", finite(r.socRmse()));
        m.put("soc_max_abs_error", finite(r.socMaxAbsError()));
        m.put("soc_rmse_after_300s", finite(r.socRmseAfterSettle()));
        m.put("soc_max_abs_error_after_300s", finite(r.socMaxAbsErrorAfterSettle()));
        m.put("voltage_rmse_above_5pct_soc_v", finite(r.voltageRmseAboveLowSocV()));
        m.put("soc_rmse_above_5pct_soc", finite(r.socRmseAboveLowSoc()));
        m.put("soc_3sigma_coverage", finite(r.socCoverage()));
        m.put("time_to_within_2pct_s", finite(r.convergedAfterS()));
        return m;
    }

    private static Map<String, Object> aggregate(ValidationSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", s.files());
        m.put("samples", s.samples());
        m.put("voltage_rmse_v", finite(s.voltageRmseV()));
        m.put("voltage_rmse_above_5pct_soc_v", finite(s.voltageRmseAboveLowSocV()));
        m.put("soc_rmse_after_300s", finite(s.socRmseAfterSettle()));
        m.put("worst_soc_rmse_after_300s", finite(s.worstSocRmseAfterSettle()));
        m.put("worst_soc_max_abs_error_after_300s", finite(s.worstSocMaxAbsErrorAfterSettle()));
        m.put("soc_3sigma_coverage", finite(s.socCoverage()));
        m.put("worst_soc_3sigma_coverage", finite(s.worstSocCoverage()));
        m.put("slowest_time_to_within_2pct_s", finite(s.slowestConvergenceS()));
        return m;
    }

    /** JSON has no NaN: a figure no sample gave is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
