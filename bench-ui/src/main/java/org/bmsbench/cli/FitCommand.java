package org.bmsbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bmsbench.config.CellFileWriter;
import org.bmsbench.config.CellFiles;
import org.bmsbench.config.CellFitRecord;
import org.bmsbench.fit.CellFit;
import org.bmsbench.fit.CurrentAlignment;
import org.bmsbench.fit.DynamicFit;
import org.bmsbench.fit.FittedTables;
import org.bmsbench.fit.Recording;
import org.bmsbench.model.CellParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fits a cell file to an OCV test and pulse tests ({@code docs/characterisation.md}). */
@Command(name = "fit",
        mixinStandardHelpOptions = true,
        description = {
            "Fit a cell file to lab tests: OCV, capacity and hysteresis from a low-rate (C/20) discharge and charge,"
                    + " R0 and RC pairs from HPPC pulse tests (one table row per test temperature).",
            "Tests are measured-cycle CSV files (time_s,current_a,voltage_v[,temperature_c][,discharged_ah]),"
                    + " plain or gzip."})
final class FitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--ocv", required = true, paramLabel = "FILE",
            description = "The low-rate test: a full discharge to the minimum voltage, then a full charge.")
    private Path ocv;

    @Option(names = "--hppc", required = true, paramLabel = "FILE",
            description = "A pulse test starting full (repeat for each temperature).")
    private List<Path> hppc = new ArrayList<>();

    @Option(names = "--rc-pairs", defaultValue = "2", paramLabel = "N",
            description = "RC pairs to fit: 1 or 2 (default: ${DEFAULT-VALUE}).")
    private int rcPairs;

    @Option(names = "--charge-transfer", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Give the fast RC pair a Butler-Volmer charge transfer, its exchange current fitted at every"
                    + " soc point from the pulses' different amplitudes (default: on; --no-charge-transfer for a"
                    + " linear pair).")
    private boolean chargeTransfer;

    @Option(names = "--dynamic", paramLabel = "FILE", split = ",",
            description = "Drives (each starting full) to refine R0 and the RC pairs on, row by row, after the OCV and"
                    + " pulse fit (repeat, or separate with commas).")
    private List<Path> dynamic = new ArrayList<>();

    @Option(names = "--check", paramLabel = "FILE", split = ",",
            description = "Drives the dynamic fit does not use, to report its error on.")
    private List<Path> check = new ArrayList<>();

    @Option(names = "--current-alignment", defaultValue = "same-sample", paramLabel = "same-sample|previous",
            description = "Which logged current produced a drive's logged voltage, as for validate (default:"
                    + " ${DEFAULT-VALUE}).")
    private String currentAlignment;

    @Option(names = "--out", required = true, paramLabel = "CELL.yaml", description = "The cell file to write.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The cell's name, [a-z0-9-]+ (default: the output file's name).")
    private String name;

    @Option(names = "--description", defaultValue = "", paramLabel = "TEXT", description = "Free text.")
    private String description;

    @Option(names = "--source", defaultValue = "", paramLabel = "TEXT",
            description = "Where the tests come from (a citation); the fit method is added to it.")
    private String citation;

    @Option(names = "--like", defaultValue = "panasonic-18650pf", paramLabel = "CELL",
            description = "The cell (preset or file) whose thermal figures, coulombic efficiency and self-discharge"
                    + " the new file takes: tests cannot give them (default: ${DEFAULT-VALUE}).")
    private String like;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".yaml") && !out.getFileName().toString().endsWith(".yml")) {
            throw new IllegalArgumentException("--out must name a .yaml file, got " + out);
        }
        String cellName = name != null ? name : out.getFileName().toString().replaceFirst("\\.ya?ml$", "")
                .toLowerCase(Locale.ROOT);
        CellParameters template = CellFiles.load(like);
        CellFit.Options options = new CellFit.Options(rcPairs, cellName, description, citation, template, like,
                chargeTransfer);
        Recording ocvTest = Recording.read(ocv);
        List<Recording> pulseTests = new ArrayList<>();
        for (Path file : hppc) {
            pulseTests.add(Recording.read(file));
        }
        if (!check.isEmpty() && dynamic.isEmpty()) {
            throw new IllegalArgumentException("--check reports the dynamic fit's error on other drives: give the"
                    + " drives to fit with --dynamic");
        }
        CurrentAlignment alignment = CurrentAlignment.of(currentAlignment);
        CellFit.Result result = CellFit.fit(ocvTest, pulseTests, options);
        PrintWriter text = spec.commandLine().getOut();
        result.report().forEach(text::println);
        if (!dynamic.isEmpty()) {
            result = refine(result, alignment, text);
        }
        List<String> header = List.of(
                "Written by bmsbench fit (docs/characterisation.md) from: " + ocv.getFileName() + ", "
                        + String.join(", ", hppc.stream().map(p -> p.getFileName().toString()).toList())
                        + (dynamic.isEmpty() ? "" : "; refined on " + String.join(", ",
                                dynamic.stream().map(p -> p.getFileName().toString()).toList())) + ".",
                "Thermal mass, specific heat, surface area, coulombic efficiency and self-discharge come from " + like
                        + ": the tests cannot give them.",
                "The fit block at the end records the tests and how closely the model follows every pulse.");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, CellFileWriter.write(result.cell(), result.record(), header));
        // the rows as the file holds them: read back (it must read as a valid cell), not as the fit computed them
        FittedTables.rows(CellFiles.read(out)).forEach(text::println);
        text.println("wrote " + out);
        text.flush();
        return 0;
    }

    /** The pulse fit refined on the --dynamic drives, with each drive's residual in the report and the record. */
    private CellFit.Result refine(CellFit.Result pulseFit, CurrentAlignment alignment, PrintWriter text) {
        List<Recording> fitOn = new ArrayList<>();
        for (Path file : dynamic) {
            fitOn.add(Recording.read(file));
        }
        List<Recording> checkOn = new ArrayList<>();
        for (Path file : check) {
            checkOn.add(Recording.read(file));
        }
        DynamicFit.Result refined = DynamicFit.refine(pulseFit.cell(), fitOn, checkOn, alignment);
        text.println("dynamic fit: scales of R0, the fast pair, the slow pair's R and tau per temperature row");
        for (int j = 0; j < refined.temperaturesC().length; j++) {
            double[] s = refined.scales()[j];
            text.println(String.format(Locale.ROOT, "  %6.1f degC: %.3f %.3f %.3f %.3f", refined.temperaturesC()[j],
                    s[0], s[1], s[2], s[3]));
        }
        text.println("voltage RMS above 5 % soc, pulse fit -> refined:");
        List<CellFitRecord.DriveEntry> drives = new ArrayList<>();
        for (DynamicFit.DriveResidual d : refined.drives()) {
            text.println(String.format(Locale.ROOT, "  %-24s %-5s %5.1f degC  %6.1f mV -> %6.1f mV", d.file(),
                    d.used() ? "fit" : "check", d.temperatureC(), 1000 * d.beforeRmsV(), 1000 * d.afterRmsV()));
            drives.add(new CellFitRecord.DriveEntry(d.file(), d.used() ? "fit" : "check",
                    Math.round(d.temperatureC() * 10) / 10.0, Math.round(d.afterRmsV() * 1e5) / 1e5));
        }
        CellFitRecord r = pulseFit.record();
        return new CellFit.Result(refined.cell(), new CellFitRecord(r.tool(), r.rcPairs(), r.testerOffsetA(),
                r.files(), r.pulses(), drives), pulseFit.report());
    }
}
