package org.bmsbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellParameters;
import org.bmsbench.validate.Validation;
import org.bmsbench.validate.ValidationPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a cell model and a soc estimator against a measured test ({@code docs/characterisation.md}). */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Drive the cell model with a measured current and temperature and report its terminal-voltage error;"
                    + " run the soc estimator on the measured current, voltage and temperature and report its error"
                    + " against the charge count (the test must start full)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cell", required = true, paramLabel = "CELL", description = "A bundled preset or a cell file.")
    private String cell;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The measured test (time_s,current_a,voltage_v[,temperature_c][,discharged_ah]).")
    private Path data;

    @Option(names = "--initial-soc", paramLabel = "X",
            description = "Where the estimator starts (default: the true initial soc, 1).")
    private Double initialSoc;

    @Option(names = "--estimator", defaultValue = "ekf", paramLabel = "ekf|coulomb",
            description = "The soc estimator, as the firmware configures it (default: ${DEFAULT-VALUE}).")
    private String estimator;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw measured and model voltage, reference and estimated soc.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        Validation.Estimator which = switch (estimator) {
            case "ekf" -> Validation.Estimator.EKF;
            case "coulomb" -> Validation.Estimator.COULOMB;
            default -> throw new IllegalArgumentException("--estimator must be ekf or coulomb, got '" + estimator + "'");
        };
        if (initialSoc != null && !(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("--initial-soc must be from 0 to 1, got " + initialSoc);
        }
        CellParameters cellParameters = CellFiles.load(cell);
        Recording recording = Recording.read(data);
        Validation.Result r = Validation.run(cellParameters, recording, which, BmsConfigFiles.defaults().soc(),
                initialSoc == null ? Double.NaN : initialSoc);
        if (plot != null) {
            ValidationPlot.write(r, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures(r)));
        } else {
            out.printf(Locale.ROOT, "%s on %s (%d samples, %.0f s, cell %s, capacity %.4f Ah at %.1f degC)%n",
                    r.cell(), r.file(), r.samples(), r.durationS(), cell, r.capacityAh(), r.testTemperatureC());
            out.printf(Locale.ROOT, "terminal voltage: %.1f mV RMS, %.0f mV at most%n", 1000 * r.voltageRmseV(),
                    1000 * r.voltageMaxAbsErrorV());
            out.printf(Locale.ROOT, "soc (%s from %.3f): %.2f %% RMS, %.2f %% at most; after the first %.0f s: %.2f %%"
                            + " RMS, %.2f %% at most%n", which.name().toLowerCase(Locale.ROOT), r.initialSoc(),
                    100 * r.socRmse(), 100 * r.socMaxAbsError(), Validation.SETTLE_S, 100 * r.socRmseAfterSettle(),
                    100 * r.socMaxAbsErrorAfterSettle());
            if (plot != null) {
                out.println("plot: " + plot);
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> figures(Validation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("cell", r.cell());
        m.put("estimator", r.estimator().name().toLowerCase(Locale.ROOT));
        m.put("initial_soc", r.initialSoc());
        m.put("capacity_ah", r.capacityAh());
        m.put("test_temperature_c", r.testTemperatureC());
        m.put("duration_s", r.durationS());
        m.put("samples", r.samples());
        m.put("voltage_rmse_v", r.voltageRmseV());
        m.put("voltage_max_abs_error_v", r.voltageMaxAbsErrorV());
        m.put("soc_rmse", r.socRmse());
        m.put("soc_max_abs_error", r.socMaxAbsError());
        m.put("soc_rmse_after_300s", r.socRmseAfterSettle());
        m.put("soc_max_abs_error_after_300s", r.socMaxAbsErrorAfterSettle());
        return m;
    }
}
