package org.bmsbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.CellThermalParameters;
import org.bmsbench.model.Checks;
import org.bmsbench.model.Hysteresis;
import org.bmsbench.model.RcPair;
import org.bmsbench.model.Table1D;
import org.bmsbench.model.Table2D;
import org.bmsbench.model.TableException;

/**
 * Reads cell files ({@code docs/cell-file.md}) and the bundled presets. Every problem is reported as a
 * {@link ConfigException} naming the file, line and key.
 */
public final class CellFiles {
    /** The format tag a cell file must carry. */
    public static final String FORMAT = "bmsbench-cell/1";

    /** The bundled presets, by name. */
    public static final List<String> PRESETS = List.of("panasonic-18650pf");

    private static final String PRESET_FOLDER = "/org/bmsbench/cells/";

    private CellFiles() {
    }

    /** A bundled preset by name, or otherwise a cell file at that path. */
    public static CellParameters load(String presetOrPath) {
        if (PRESETS.contains(presetOrPath)) {
            return preset(presetOrPath);
        }
        if (!presetOrPath.endsWith(".yaml") && !presetOrPath.endsWith(".yml")) {
            throw new ConfigException(presetOrPath, "not a bundled cell preset (" + String.join(", ", PRESETS)
                    + ") nor a path to a .yaml cell file", null);
        }
        return read(Path.of(presetOrPath));
    }

    /** A bundled preset. */
    public static CellParameters preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("no bundled cell preset '" + name + "'; bundled: " + PRESETS);
        }
        return parse(ConfigNode.readResource(PRESET_FOLDER + name + ".yaml"));
    }

    /** A cell file. */
    public static CellParameters read(Path file) {
        return parse(ConfigNode.read(file));
    }

    /** A cell file already parsed as YAML. */
    public static CellParameters parse(ConfigNode root) {
        root.allowOnly("format", "name", "description", "source", "voltage_limits", "capacity", "ocv", "r0",
                "rc_pairs", "hysteresis", "coulombic_efficiency", "leak_resistance_ohm", "thermal", "model_error_v",
                "fit");
        ConfigNode format = root.get("format");
        if (!FORMAT.equals(format.text())) {
            throw format.error("expected '" + FORMAT + "', got '" + format.text() + "'");
        }
        String name = root.get("name").build(() -> CellParameters.checkName(root.text("name")));
        ConfigNode source = root.get("source");
        if (source.text().isBlank()) {
            throw source.error("say where the parameters come from (data set, citation, method)");
        }
        ConfigNode limits = root.get("voltage_limits").allowOnly("min_v", "max_v");
        ConfigNode capacity = root.get("capacity").allowOnly("temperature_c", "capacity_ah");
        Table1D capacityAh = capacityTable(capacity);
        Table2D ocv = Tables.read(root.get("ocv").allowOnly("soc", "temperature_c", "voltage_v"), "voltage_v", "OCV", Tables.Constraint.RISING_WITH_SOC);
        Table2D r0 = Tables.read(root.get("r0").allowOnly("soc", "temperature_c", "resistance_ohm"), "resistance_ohm", "R0", Tables.Constraint.POSITIVE);
        List<RcPair> pairs = rcPairs(root.get("rc_pairs"));
        Hysteresis hysteresis = root.find("hysteresis").map(CellFiles::hysteresis).orElse(Hysteresis.NONE);
        ConfigNode thermal = root.get("thermal").allowOnly("mass_kg", "specific_heat_j_per_kg_k", "surface_area_m2");
        CellThermalParameters thermalParameters = new CellThermalParameters(
                thermal.number("mass_kg", Checks::positive),
                thermal.number("specific_heat_j_per_kg_k", Checks::positive),
                thermal.number("surface_area_m2", Checks::positive));
        Table1D efficiency = root.find("coulombic_efficiency").map(CellFiles::efficiency)
                .orElse(Table1D.constant(1.0));
        double leak = root.find("leak_resistance_ohm")
                .map(n -> root.number("leak_resistance_ohm", Checks::positive))
                .orElse(Double.POSITIVE_INFINITY);
        double modelError = root.find("model_error_v")
                .map(n -> root.number("model_error_v", Checks::nonNegative)).orElse(Double.NaN);
        root.find("fit").ifPresent(CellFiles::fitRecord); // checked, though the model does not use it
        double minV = limits.number("min_v");
        double maxV = limits.number("max_v");
        limits.build(() -> {
            CellParameters.checkVoltageLimits(minV, maxV);
            return null;
        });
        return root.build(() -> new CellParameters(
                name,
                root.find("description").map(ConfigNode::text).orElse(""),
                source.text(),
                minV, maxV, capacityAh, ocv, r0, pairs, hysteresis, efficiency, leak, thermalParameters, modelError));
    }

    private static Table1D capacityTable(ConfigNode capacity) {
        Table1D table = temperatureTable(capacity, "capacity_ah");
        try {
            return table.requirePositive("capacity");
        } catch (TableException e) {
            throw Tables.element(capacity.get("capacity_ah"), e.row()).error(e.getMessage());
        }
    }

    /** {@code node}'s {@code temperature_c} and {@code valuesKey} lists as a table, errors at their elements. */
    private static Table1D temperatureTable(ConfigNode node, String valuesKey) {
        ConfigNode axis = node.get("temperature_c");
        ConfigNode values = node.get(valuesKey);
        try {
            return new Table1D(axis.numbers(), values.numbers());
        } catch (TableException e) {
            ConfigNode at = e.part() == TableException.Part.TEMPERATURE_AXIS ? axis : values;
            throw Tables.element(at, e.row()).error(e.getMessage());
        }
    }

    private static List<RcPair> rcPairs(ConfigNode list) {
        List<RcPair> pairs = new ArrayList<>();
        for (ConfigNode pair : list.elements()) {
            pair.allowOnly("soc", "temperature_c", "resistance_ohm", "tau_s", "exchange_current_a",
                    "transfer_coefficient");
            Table2D r = Tables.read(pair, "resistance_ohm", "RC resistance", Tables.Constraint.POSITIVE);
            Table2D tau = Tables.read(pair, "tau_s", "RC time constant", Tables.Constraint.POSITIVE);
            Table2D i0 = pair.find("exchange_current_a").isPresent()
                    ? Tables.read(pair, "exchange_current_a", "exchange current", Tables.Constraint.POSITIVE) : null;
            if (i0 != null && !pairs.isEmpty()) {
                throw pair.get("exchange_current_a").error("only the first (fastest) RC pair may carry the charge"
                        + " transfer");
            }
            double alpha = pair.find("transfer_coefficient").isPresent()
                    ? pair.number("transfer_coefficient", (key, v) -> {
                        if (!(v > 0 && v <= 1)) {
                            throw new IllegalArgumentException("expected a coefficient in (0, 1], got " + v);
                        }
                        return v;
                    })
                    : RcPair.SYMMETRIC_TRANSFER;
            pairs.add(new RcPair(r, tau, i0, alpha));
        }
        if (pairs.isEmpty() || pairs.size() > CellParameters.MAX_RC_PAIRS) {
            throw list.error("expected one or two RC pairs, got " + pairs.size());
        }
        return pairs;
    }

    /** The optional {@code fit} block: how the file's numbers were fitted. */
    public static CellFitRecord fitRecord(ConfigNode node) {
        node.allowOnly("tool", "rc_pairs", "tester_offset_a", "files", "pulses", "drives");
        List<CellFitRecord.FileEntry> files = new ArrayList<>();
        for (ConfigNode f : node.get("files").elements()) {
            f.allowOnly("file", "test", "temperature_c");
            files.add(f.build(() -> new CellFitRecord.FileEntry(f.text("file"), f.text("test"),
                    f.number("temperature_c"))));
        }
        List<CellFitRecord.PulseEntry> pulses = new ArrayList<>();
        for (ConfigNode p : node.find("pulses").map(ConfigNode::elements).orElse(List.of())) {
            p.allowOnly("file", "temperature_c", "soc", "current_a", "residual_rms_v");
            pulses.add(p.build(() -> new CellFitRecord.PulseEntry(p.text("file"), p.number("temperature_c"),
                    p.number("soc"), p.number("current_a"), p.number("residual_rms_v"))));
        }
        List<CellFitRecord.DriveEntry> drives = new ArrayList<>();
        for (ConfigNode d : node.find("drives").map(ConfigNode::elements).orElse(List.of())) {
            d.allowOnly("file", "use", "temperature_c", "residual_rms_v");
            drives.add(d.build(() -> new CellFitRecord.DriveEntry(d.text("file"), d.text("use"),
                    d.number("temperature_c"), d.number("residual_rms_v"))));
        }
        ConfigNode pairs = node.get("rc_pairs");
        return node.build(() -> new CellFitRecord(node.text("tool"), (int) pairs.integer(),
                node.number("tester_offset_a", 0.0), files, pulses, drives));
    }

    /**
     * The hysteresis: {@code decay_rate} one number, or one per row of the table's {@code temperature_c};
     * {@code max_v} and the optional {@code instantaneous_v} (M0) tables on the same axes.
     */
    private static Hysteresis hysteresis(ConfigNode node) {
        node.allowOnly("decay_rate", "soc", "temperature_c", "max_v", "instantaneous_v");
        Table2D max = Tables.read(node, "max_v", "hysteresis maximum", Tables.Constraint.NON_NEGATIVE);
        Table2D instantaneous = node.find("instantaneous_v").isPresent()
                ? Tables.read(node, "instantaneous_v", "instantaneous hysteresis", Tables.Constraint.NON_NEGATIVE)
                : Table2D.constant(0.0);
        ConfigNode decay = node.get("decay_rate");
        Table1D rates = decay.isList()
                ? byTemperature(decay, max.temperatureC(), "the hysteresis table's temperature_c")
                : Table1D.constant(decay.number());
        return decay.build(() -> new Hysteresis(rates, max, instantaneous));
    }

    /** The coulombic efficiency: one number, or {@code {temperature_c: [...], efficiency: [...]}}. */
    private static Table1D efficiency(ConfigNode node) {
        Table1D table;
        if (node.isMap()) {
            node.allowOnly("temperature_c", "efficiency");
            table = temperatureTable(node, "efficiency");
        } else {
            table = Table1D.constant(node.number());
        }
        for (int k = 0; k < table.values().length; k++) {
            double value = table.values()[k];
            ConfigNode at = node.isMap() ? Tables.element(node.get("efficiency"), k) : node;
            at.build(() -> CellParameters.checkCoulombicEfficiency(value));
        }
        return table;
    }

    /** A list of numbers, one per temperature of {@code axisC} ({@code axisName} says which, for the error). */
    private static Table1D byTemperature(ConfigNode values, double[] axisC, String axisName) {
        double[] numbers = values.numbers();
        if (numbers.length != axisC.length) {
            throw values.error("expected " + axisC.length + " values, one per temperature of " + axisName + ", got "
                    + numbers.length);
        }
        try {
            return new Table1D(axisC, numbers);
        } catch (TableException e) {
            throw (e.part() == TableException.Part.VALUES ? Tables.element(values, Math.max(0, e.row())) : values)
                    .error(e.getMessage());
        }
    }
}
