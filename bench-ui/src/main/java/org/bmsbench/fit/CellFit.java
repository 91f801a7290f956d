package org.bmsbench.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bmsbench.config.CellFitRecord;
import org.bmsbench.config.ConfigException;
import org.bmsbench.model.CellModel;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;

/**
 * A cell file from lab tests: the OCV, capacity and hysteresis from a low-rate test ({@link LowRateTest},
 * {@link OcvCurve}, {@link HysteresisFit}); R0 and the RC pairs at every soc point of each pulse test
 * ({@link PulseTest}, {@link RcFit}), one table row per test temperature. What tests cannot give (the thermal
 * mass and surface, the coulombic efficiency, the self-discharge) comes from a template cell.
 */
public final class CellFit {
    private CellFit() {
    }

    /**
     * What to fit and how to name it.
     *
     * @param rcPairs     1 or 2
     * @param name        the cell's name ({@code [a-z0-9-]+})
     * @param description free text
     * @param citation    where the tests come from (prefixed to the method in the file's {@code source})
     * @param template    the cell whose thermal figures, coulombic efficiency and self-discharge are used
     * @param templateName how to name the template in the file
     * @param chargeTransfer whether the fast pair carries a Butler-Volmer charge transfer, its exchange current
     *                    fitted at every soc point ({@link RcFit})
     */
    public record Options(int rcPairs, String name, String description, String citation,
                          CellParameters template, String templateName, boolean chargeTransfer) {
        public Options {
            if (rcPairs < 1 || rcPairs > CellParameters.MAX_RC_PAIRS) {
                throw new IllegalArgumentException("--rc-pairs must be 1 or " + CellParameters.MAX_RC_PAIRS
                        + ", got " + rcPairs);
            }
            CellParameters.checkName(name);
        }
    }

    /** The fitted cell, how it was fitted, and what the fit found, as lines for the console. */
    public record Result(CellParameters cell, CellFitRecord record, List<String> report) {
    }

    /** One pulse test's fits, at its temperature. */
    private record PulseFits(Recording recording, double temperatureC, List<RcFit.Result> fits) {
    }

    public static Result fit(Recording ocvTest, List<Recording> pulseTests, Options options) {
        List<String> report = new ArrayList<>();
        LowRateTest low = LowRateTest.analyse(ocvTest);
        OcvCurve ocv = OcvCurve.from(low);
        double capacityAh = round(low.capacityAh(), 4);
        double ocvTemperatureC = temperatureOf(ocvTest, 25.0);
        report.add(String.format(Locale.ROOT, "%s: low-rate test at %.3f A (C/%.0f), %.1f degC", ocvTest.name(),
                low.currentA(), capacityAh / low.currentA(), ocvTemperatureC));
        report.add(String.format(Locale.ROOT, "  discharge %.4f Ah, charge %.4f Ah as logged: a tester current offset"
                        + " of %.1f mA explains the difference; capacity %.4f Ah", low.rawDischargeAh(),
                low.rawChargeAh(), 1000 * low.offsetA(), capacityAh));
        report.add(String.format(Locale.ROOT, "  OCV on %d points, charge branch below soc %.3f, %d points made"
                + " monotone", ocv.soc().length, ocv.socCut(), ocv.monotoneFixes()));

        checkOnePerTemperature(pulseTests, ocvTemperatureC);
        if (Double.isNaN(ocvTest.medianTemperatureC())) {
            report.add(String.format(Locale.ROOT, "  no temperature column: taken as %.1f degC", ocvTemperatureC));
        }
        for (Recording r : pulseTests) {
            if (Double.isNaN(r.medianTemperatureC())) {
                report.add(String.format(Locale.ROOT, "%s: no temperature column: taken as the low-rate test's"
                        + " %.1f degC", r.name(), ocvTemperatureC));
            }
        }
        Recording reference = reference(pulseTests, ocvTemperatureC);
        double gapCurrentA = capacityAh / 3.0;
        // First pass: each set's offset holds its hysteresis too; it gives the resistances the hysteresis
        // estimate needs. Then, twice: the hysteresis from the latest resistances, and the sets refitted with it
        // (a set whose pulses turn the hysteresis round, the first after a charge, is no longer mistaken for slow
        // polarisation, and its resistances no longer spoil the hysteresis near full).
        List<PulseFits> tests = fitPulseTests(pulseTests, reference, ocv, capacityAh, ocvTemperatureC, options,
                gapCurrentA, null);
        Table1D capacity = new Table1D(new double[] {ocvTemperatureC}, new double[] {capacityAh});
        double minV = round(low.minVoltageV(), 2);
        double maxV = round(low.maxVoltageV(), 2);
        String source = source(options, ocvTest, tests);
        Table2D singleOcv = new Table2D(ocv.soc(), new double[] {ocvTemperatureC},
                new double[][] {roundAll(ocv.voltageV(), 5)});
        double[] m = null;
        Table2D hysteresisMax = null;
        HysteresisFit.Gamma gamma = null;
        for (int pass = 0; pass < 2; pass++) {
            Tables latest = tables(tests, options.rcPairs());
            m = HysteresisFit.maxV(ocv, low.currentA(), soc -> latest.dcResistanceOhm(soc, ocvTemperatureC));
            Table2D mTable = new Table2D(HysteresisFit.GRID, new double[] {ocvTemperatureC}, new double[][] {m});
            hysteresisMax = mTable;
            gamma = HysteresisFit.decayRate(low, g -> new CellParameters(options.name(), options.description(),
                    source, minV, maxV, capacity, singleOcv, latest.r0(), latest.pairs(), new Hysteresis(g, mTable),
                    options.template().coulombicEfficiency(), options.template().leakResistanceOhm(),
                    options.template().thermal()));
            tests = fitPulseTests(pulseTests, reference, ocv, capacityAh, ocvTemperatureC, options, gapCurrentA,
                    new Hysteresis(gamma.decayRate(), mTable));
        }
        for (PulseFits t : tests) {
            boolean tied = options.rcPairs() == 2 && t.recording() != reference;
            report.add(String.format(Locale.ROOT, "%s: %d soc points at %.1f degC%s", t.recording().name(),
                    t.fits().size(), t.temperatureC(), tied ? " (the slow pair keeps " + reference.name()
                            + "'s capacitance)" : ""));
            int first = firstSetStart(t);
            for (RcFit.Result f : t.fits()) {
                report.add(describe(f, f.pulses().get(0).start() == first));
            }
        }
        tests.sort(Comparator.comparingDouble(PulseFits::temperatureC));
        Tables fitted = tables(tests, options.rcPairs());
        Table2D ocvTable = ocvTable(ocv, ocvTemperatureC, tests, reference, report);
        report.add(String.format(Locale.ROOT, "hysteresis: M %s mV; gamma %.3g (replaying the low-rate test, the"
                        + " first 5 %% of soc after the discharge starts: %.1f mV RMS, %.1f mV without hysteresis)",
                millivolts(m), gamma.decayRate(), 1000 * gamma.errorV(), 1000 * gamma.errorWithoutV()));
        CellParameters cell = new CellParameters(options.name(), options.description(), source, minV, maxV, capacity,
                ocvTable, fitted.r0(), fitted.pairs(), new Hysteresis(gamma.decayRate(), hysteresisMax),
                options.template().coulombicEfficiency(), options.template().leakResistanceOhm(),
                options.template().thermal());
        report.addAll(FittedTables.onBounds(cell));
        return new Result(cell, record(options, low, ocvTest, ocvTemperatureC, tests), report);
    }

    /** Where the test's first set starts: the one right after the charge that filled the cell. */
    private static int firstSetStart(PulseFits t) {
        return t.fits().stream().mapToInt(f -> f.pulses().get(0).start()).min().orElseThrow();
    }

    /** The tests without the set each starts with (the one right after the charge that filled the cell). */
    private static List<PulseFits> withoutFirstSets(List<PulseFits> tests) {
        List<PulseFits> out = new ArrayList<>();
        for (PulseFits t : tests) {
            int first = firstSetStart(t);
            List<RcFit.Result> rest = t.fits().stream().filter(f -> f.pulses().get(0).start() != first).toList();
            out.add(new PulseFits(t.recording(), t.temperatureC(), rest.isEmpty() ? t.fits() : rest));
        }
        return out;
    }

    /** Pulse tests must be at different temperatures: each gives one row of the tables. */
    private static void checkOnePerTemperature(List<Recording> pulseTests, double ocvTemperatureC) {
        Map<Double, Recording> byTemperature = new HashMap<>();
        for (Recording r : pulseTests) {
            Recording other = byTemperature.put(temperatureOf(r, ocvTemperatureC), r);
            if (other != null) {
                throw new ConfigException(r.name(), "a second pulse test at " + temperatureOf(r, ocvTemperatureC)
                        + " degC (" + other.name() + "): give one per temperature", null);
            }
        }
    }

    /**
     * The pulse test nearest the low-rate test's temperature (the colder of two as near): its sets give the OCV
     * table's other rows their reference level, and its slow pairs the others' capacitance.
     */
    private static Recording reference(List<Recording> pulseTests, double ocvTemperatureC) {
        return pulseTests.stream()
                .min(Comparator.comparingDouble((Recording r) -> Math.abs(temperatureOf(r, ocvTemperatureC)
                        - ocvTemperatureC)).thenComparingDouble(r -> temperatureOf(r, ocvTemperatureC)))
                .orElseThrow();
    }

    /**
     * Every pulse test's sets, fitted; the hysteresis voltage given when {@code hysteresis} is not null. The
     * reference test is fitted freely; with two pairs, every other test's slow pair keeps the reference's
     * capacitance at the same soc ({@link SlowCapacitance}).
     */
    private static List<PulseFits> fitPulseTests(List<Recording> pulseTests, Recording reference, OcvCurve ocv,
                                                 double capacityAh, double ocvTemperatureC, Options options,
                                                 double gapCurrentA, Hysteresis hysteresis) {
        PulseFits free = fitPulseTest(reference, ocv, capacityAh, ocvTemperatureC, options, gapCurrentA, hysteresis,
                null);
        SlowCapacitance capacitance = options.rcPairs() == 2 ? new SlowCapacitance(free) : null;
        List<PulseFits> tests = new ArrayList<>();
        for (Recording r : pulseTests) {
            tests.add(r == reference ? free : fitPulseTest(r, ocv, capacityAh, ocvTemperatureC, options, gapCurrentA,
                    hysteresis, capacitance));
        }
        return tests;
    }

    private static PulseFits fitPulseTest(Recording r, OcvCurve ocv, double capacityAh, double ocvTemperatureC,
                                          Options options, double gapCurrentA, Hysteresis hysteresis,
                                          SlowCapacitance capacitance) {
        double temperatureC = temperatureOf(r, ocvTemperatureC);
        double[] hysteresisV = hysteresis == null ? null
                : HysteresisFit.voltages(r, capacityAh, hysteresis, ocvTemperatureC);
        List<RcFit.Result> fits = new ArrayList<>();
        for (PulseTest.PulseSet set : PulseTest.find(r, capacityAh)) {
            RcFit.Tie tie = capacitance == null ? null : capacitance.tie(set);
            double tafelV = options.chargeTransfer()
                    ? CellModel.tafelSlopeV(RcPair.SYMMETRIC_TRANSFER, temperatureC) : Double.NaN;
            fits.add(RcFit.fit(r, set, ocv, capacityAh, options.rcPairs(), gapCurrentA, hysteresisV, tie, tafelV));
        }
        fits.sort(Comparator.comparingDouble(RcFit.Result::soc));
        return new PulseFits(r, temperatureC, fits);
    }

    /**
     * The reference test's slow-pair capacitance tau / R by soc: linear between its sets and held beyond them,
     * leaving out the set right after the full charge (as the tables do) and any whose time constant stopped at
     * an end of its range (there the capacitance is the bound's, not the cell's). The slow pair stands for
     * solid-state diffusion: its resistance and time constant both scale with 1 / D, which falls steeply with
     * temperature, while their ratio, the particles' capacity to hold a concentration difference, depends on
     * their size and the OCV's slope alone. 10 s pulses at low temperature see the start of that slower
     * relaxation but cannot tell its time constant from a shorter one; the capacitance carries it over. The fit
     * starts the pair's resistance from the reference's, scaled as R0 (read from the edges) scales between them.
     */
    private static final class SlowCapacitance {
        private final double[] soc;
        private final double[] capacitanceF;
        private final double[] resistanceOhm;
        private final double[] r0Ohm;

        SlowCapacitance(PulseFits reference) {
            List<RcFit.Result> settled = withoutFirstSets(List.of(reference)).get(0).fits();
            List<RcFit.Result> inside = settled.stream().filter(f -> !f.slowTauAtBound()).toList();
            List<RcFit.Result> sets = inside.isEmpty() ? settled : inside;
            this.soc = sets.stream().mapToDouble(RcFit.Result::soc).toArray();
            this.capacitanceF = sets.stream().mapToDouble(RcFit.Result::slowCapacitanceF).toArray();
            this.resistanceOhm = sets.stream().mapToDouble(RcFit.Result::slowResistanceOhm).toArray();
            this.r0Ohm = sets.stream().mapToDouble(RcFit.Result::r0Ohm).toArray();
        }

        RcFit.Tie tie(PulseTest.PulseSet set) {
            double guessOhm = OcvCurve.interpolate(soc, resistanceOhm, set.soc()) * set.r0Ohm()
                    / OcvCurve.interpolate(soc, r0Ohm, set.soc());
            return new RcFit.Tie(OcvCurve.interpolate(soc, capacitanceF, set.soc()), guessOhm);
        }
    }

    /** R0 and the RC pairs as tables, a row per test temperature. */
    private record Tables(Table2D r0, List<RcPair> pairs) {
        double dcResistanceOhm(double soc, double temperatureC) {
            double total = r0.valueAt(soc, temperatureC);
            for (RcPair p : pairs) {
                total += p.resistanceOhm().valueAt(soc, temperatureC);
            }
            return total;
        }
    }

    /**
     * R0 from every set. The RC pairs leave out the set each test starts with, right after the charge that filled
     * the cell: its pulses turn the hysteresis round, and what of that the hysteresis model does not follow
     * exactly the fit takes for a slow pair (hundreds of mOhm, hundreds of seconds). The next set's pairs hold
     * above it. R0, an instantaneous step, is not affected.
     */
    private static Tables tables(List<PulseFits> unsorted, int rcPairs) {
        List<PulseFits> tests = new ArrayList<>(unsorted);
        tests.sort(Comparator.comparingDouble(PulseFits::temperatureC));
        double[] temperatures = tests.stream().mapToDouble(PulseFits::temperatureC).toArray();
        double[] socAxis = socAxis(tests);
        Table2D r0 = table(tests, socAxis, temperatures, RcFit.Result::r0Ohm, 6, true);
        List<PulseFits> settled = withoutFirstSets(tests);
        List<RcPair> pairs = new ArrayList<>();
        for (int k = 0; k < rcPairs; k++) {
            int pair = k;
            pairs.add(new RcPair(table(settled, socAxis, temperatures, f -> f.rOhm()[pair], 6, true),
                    table(settled, socAxis, temperatures, f -> f.tauS()[pair], 3, false)));
        }
        if (!Double.isNaN(settled.get(0).fits().get(0).exchangeCurrentA())) {
            pairs.set(0, pairs.get(0).withChargeTransfer(
                    table(settled, socAxis, temperatures, RcFit.Result::exchangeCurrentA, 6, false),
                    RcPair.SYMMETRIC_TRANSFER));
        }
        return new Tables(r0, pairs);
    }

    /** A pulse test this close to the low-rate test's temperature counts as at the same temperature. */
    private static final double SAME_TEMPERATURE_C = 3.0;

    /**
     * The OCV table: the low-rate test's curve at its temperature, and a row for each pulse test at another
     * temperature. A pulse set's rested level (its fitted offset against the curve and the hysteresis) is where
     * that cell rests at that soc and temperature within the test's rests; its change from the pulse test at the
     * low-rate test's temperature moves the curve. At low temperature this
     * holds, besides the small entropic change of the OCV, the slow polarisation that half an hour's rest has not
     * relaxed, which a drive at that temperature carries as well.
     */
    private static Table2D ocvTable(OcvCurve ocv, double ocvTemperatureC, List<PulseFits> tests,
                                    Recording referenceTest, List<String> report) {
        PulseFits reference = tests.stream().filter(t -> t.recording() == referenceTest).findFirst().orElseThrow();
        TreeMap<Double, double[]> rows = new TreeMap<>();
        rows.put(ocvTemperatureC, roundAll(ocv.voltageV(), 5));
        if (Math.abs(reference.temperatureC() - ocvTemperatureC) > SAME_TEMPERATURE_C) {
            report.add(String.format(Locale.ROOT, "no pulse test near the low-rate test's %.1f degC: the OCV is"
                    + " taken to be the same at every temperature", ocvTemperatureC));
            return new Table2D(ocv.soc(), new double[] {ocvTemperatureC}, new double[][] {rows.get(ocvTemperatureC)});
        }
        for (PulseFits t : tests) {
            if (Math.abs(t.temperatureC() - ocvTemperatureC) <= SAME_TEMPERATURE_C) {
                continue;
            }
            double[] row = new double[ocv.soc().length];
            double shiftSum = 0;
            for (int k = 0; k < row.length; k++) {
                double soc = ocv.soc()[k];
                double shift = restedLevel(t, soc) - restedLevel(reference, soc);
                row[k] = ocv.voltageV()[k] + shift;
                shiftSum += shift;
            }
            double[] rising = OcvCurve.isotonic(row);
            for (int k = 1; k < rising.length; k++) {
                if (rising[k] <= rising[k - 1]) {
                    rising[k] = rising[k - 1] + 5e-5;
                }
            }
            rows.put(t.temperatureC(), roundAll(rising, 5));
            report.add(String.format(Locale.ROOT, "OCV at %.1f degC: %+.1f mV on average from %.1f degC (the pulse"
                    + " sets' rested levels)", t.temperatureC(), 1000 * shiftSum / row.length, ocvTemperatureC));
        }
        double[] temperatures = rows.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        return new Table2D(ocv.soc(), temperatures, rows.values().toArray(new double[0][]));
    }

    /** Where a test's cell rests at {@code soc} against the OCV table: the sets' offsets, linear in soc. */
    private static double restedLevel(PulseFits t, double soc) {
        double[] socs = t.fits().stream().mapToDouble(RcFit.Result::soc).toArray();
        double[] levels = t.fits().stream().mapToDouble(RcFit.Result::offsetV).toArray();
        return OcvCurve.interpolate(socs, levels, soc);
    }

    /** The test's median temperature to 0.1 degC, or {@code fallback} without a temperature column. */
    private static double temperatureOf(Recording r, double fallback) {
        double t = r.medianTemperatureC();
        return Double.isNaN(t) ? fallback : round(t, 1);
    }

    /** The soc points of the test with the most of them: the colder tests reach fewer. */
    private static double[] socAxis(List<PulseFits> tests) {
        PulseFits most = tests.stream().max(Comparator.comparingInt(t -> t.fits().size())).orElseThrow();
        TreeMap<Double, Boolean> points = new TreeMap<>();
        for (RcFit.Result f : most.fits()) {
            points.put(round(f.soc(), 4), true);
        }
        return points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A table with a row per test: each test's values at the axis's soc points, linear between its own points
     * and held beyond them. A resistance ({@code shaped}) instead follows, beyond a test's points, the shape in soc
     * of the test that reaches furthest, scaled to meet its own last value. A cold test's cell reaches its cut-off
     * before the warm test's does, and its last soc points are missing; a resistance rises towards empty by much
     * the same factor at every temperature (the electrode's diffusion and reaction areas, which set that rise, do
     * not change with temperature; their rates do, which is the scale), where holding the last value would leave
     * a cold cell near empty with a fraction of its resistance. (Time constants and exchange currents are held:
     * near empty their fits often stop on a bound, which is no shape to follow.)
     */
    private static Table2D table(List<PulseFits> tests, double[] socAxis, double[] temperatures,
                                 java.util.function.ToDoubleFunction<RcFit.Result> value, int decimals,
                                 boolean shaped) {
        PulseFits widest = tests.stream().max(Comparator.comparingInt(t -> t.fits().size())).orElseThrow();
        double[] shapeSoc = widest.fits().stream().mapToDouble(RcFit.Result::soc).toArray();
        double[] shape = widest.fits().stream().mapToDouble(value).toArray();
        double[][] rows = new double[tests.size()][socAxis.length];
        for (int t = 0; t < tests.size(); t++) {
            List<RcFit.Result> fits = tests.get(t).fits();
            double[] soc = fits.stream().mapToDouble(RcFit.Result::soc).toArray();
            double[] values = fits.stream().mapToDouble(value).toArray();
            for (int k = 0; k < socAxis.length; k++) {
                double at = socAxis[k];
                double edge = Math.max(soc[0], Math.min(soc[soc.length - 1], at));
                double fitted = OcvCurve.interpolate(soc, values, at);
                double scale = shaped
                        ? OcvCurve.interpolate(shapeSoc, shape, at) / OcvCurve.interpolate(shapeSoc, shape, edge) : 1.0;
                rows[t][k] = round(fitted * scale, decimals);
            }
        }
        return new Table2D(socAxis, temperatures, rows);
    }

    private static String source(Options options, Recording ocvTest, List<PulseFits> tests) {
        StringBuilder s = new StringBuilder();
        if (!options.citation().isBlank()) {
            s.append(options.citation().strip()).append(' ');
        }
        s.append("Fitted by bmsbench fit (docs/characterisation.md): OCV, capacity and hysteresis from ")
                .append(ocvTest.name()).append("; R0 and ").append(options.rcPairs())
                .append(options.rcPairs() == 1 ? " RC pair" : " RC pairs").append(" from ");
        for (int k = 0; k < tests.size(); k++) {
            s.append(k == 0 ? "" : ", ").append(tests.get(k).recording().name());
        }
        s.append(". Thermal mass and surface, coulombic efficiency and self-discharge from ")
                .append(options.templateName()).append(" (the tests cannot give them).");
        return s.toString();
    }

    private static CellFitRecord record(Options options, LowRateTest low, Recording ocvTest, double ocvTemperatureC,
                                        List<PulseFits> tests) {
        List<CellFitRecord.FileEntry> files = new ArrayList<>();
        files.add(new CellFitRecord.FileEntry(ocvTest.name(), "ocv", ocvTemperatureC));
        List<CellFitRecord.PulseEntry> pulses = new ArrayList<>();
        for (PulseFits t : tests) {
            files.add(new CellFitRecord.FileEntry(t.recording().name(), "pulses", t.temperatureC()));
            for (RcFit.Result f : t.fits()) {
                for (int p = 0; p < f.pulses().size(); p++) {
                    pulses.add(new CellFitRecord.PulseEntry(t.recording().name(), t.temperatureC(), round(f.soc(), 4),
                            round(f.pulses().get(p).currentA(), 3), round(f.pulseRmsV()[p], 5)));
                }
            }
        }
        return new CellFitRecord("bmsbench fit", options.rcPairs(), round(low.offsetA(), 5), files, pulses, List.of());
    }

    /**
     * How closely one set's fit follows its pulses. Its resistances and time constants are not repeated here: the
     * tables interpolate between sets and leave the first set's pairs out ({@link #tables}), and the rows as
     * written are listed from the cell ({@link FittedTables#rows}).
     */
    private static String describe(RcFit.Result f, boolean firstSet) {
        return String.format(Locale.ROOT, "  set at soc %.3f: rested level %+.1f mV; residual %.2f mV RMS (per pulse"
                + " %s)%s", f.soc(), 1000 * f.offsetV(), 1000 * f.rmsV(), millivolts(f.pulseRmsV()),
                firstSet ? "; its RC pairs are left out (the set after the full charge)" : "");
    }

    private static String millivolts(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            s.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", 1000 * v[k]));
        }
        return s.toString();
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static double[] roundAll(double[] v, int decimals) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = round(v[k], decimals);
        }
        return out;
    }
}
