package org.bmsbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.AcquisitionConfig;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.InvalidConfigurationException;
import org.bmsbench.firmware.OpenWireConfig;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.ContactorSequenceConfig;
import org.bmsbench.firmware.diag.DiagnosisTable;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.diag.FaultRule;
import org.bmsbench.firmware.diag.Reaction;
import org.bmsbench.firmware.diag.TierRule;
import org.bmsbench.firmware.limits.LimitsConfig;
import org.bmsbench.firmware.loop.TaskConfig;
import org.bmsbench.firmware.soc.SocConfig;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Checks;

/**
 * Reads BMS configurations ({@code docs/bms-config.md}). Every configuration is laid over the bundled defaults
 * ({@code org/bmsbench/bms/default.yaml}): a file or a scenario's {@code bms:} block gives only what it
 * changes. Every problem is a {@link ConfigException} naming the file, line and key (several at once for the
 * diagnosis table, which is checked as a whole).
 */
public final class BmsConfigFiles {
    private static final String DEFAULTS = "/org/bmsbench/bms/default.yaml";
    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_S = 1e9;

    private BmsConfigFiles() {
    }

    /** The bundled defaults. */
    public static BmsConfig defaults() {
        return parse(defaultTree());
    }

    /** A BMS configuration file, laid over the defaults. */
    public static BmsConfig read(Path file) {
        return withOverrides(ConfigNode.read(file));
    }

    /**
     * {@code layers} (a file's root, a scenario's {@code bms:} map...) laid over the defaults in order, each over
     * the ones before it.
     */
    public static BmsConfig withOverrides(ConfigNode... layers) {
        ConfigNode tree = defaultTree();
        for (ConfigNode layer : layers) {
            layer.keys(); // a map, or a clear error saying it is not one
            tree = ConfigNode.overlay(tree, layer);
        }
        return parse(tree);
    }

    private static ConfigNode defaultTree() {
        return ConfigNode.readResource(DEFAULTS);
    }

    /** A complete configuration tree. */
    public static BmsConfig parse(ConfigNode root) {
        root.allowOnly("cell", "pack", "tasks", "acquisition", "soc", "balancing", "contactors", "limits",
                "open_wire", "event_log_capacity", "diagnosis");
        ConfigNode cellNode = root.get("cell");
        CellParameters cell;
        try {
            cell = CellFiles.load(cellNode.text());
        } catch (ConfigException e) {
            if (e.line() > 0) {
                throw e; // a problem inside the cell file: its own location is the useful one
            }
            throw cellNode.error(e.getMessage());
        }
        ConfigNode pack = root.get("pack").allowOnly("parallel", "cells_per_temperature_sensor");
        int parallel = wholeNumber(pack, "parallel");
        int cellsPerSensor = wholeNumber(pack, "cells_per_temperature_sensor");
        TaskConfig tasks = tasks(root.get("tasks"));
        AcquisitionConfig acquisition = acquisition(root.get("acquisition"));
        SocConfig soc = soc(root.get("soc"));
        BalancingConfig balancing = balancing(root.get("balancing"));
        ContactorSequenceConfig contactors = contactors(root.get("contactors"));
        LimitsConfig limits = limits(root.get("limits"));
        OpenWireConfig openWire = openWire(root.get("open_wire"));
        int capacity = wholeNumber(root, "event_log_capacity");
        DiagnosisTable diagnosis = diagnosis(root.get("diagnosis"));
        return root.build(() -> new BmsConfig(cell, parallel, cellsPerSensor, tasks, acquisition, diagnosis, soc,
                balancing, contactors, limits, openWire, capacity));
    }

    private static int wholeNumber(ConfigNode map, String key) {
        ConfigNode node = map.get(key);
        long value = node.integer();
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw node.error("expected a whole number of 1 or more, got " + value);
        }
        return (int) value;
    }

    private static long nanos(ConfigNode map, String key, double nsPerUnit) {
        return Math.round(map.number(key, Checks::nonNegative) * nsPerUnit);
    }

    private static TaskConfig tasks(ConfigNode node) {
        node.allowOnly("fast_ms", "main_ms", "slow_ms", "overrun_tolerance_ms");
        return node.build(() -> new TaskConfig(nanos(node, "fast_ms", NS_PER_MS), nanos(node, "main_ms", NS_PER_MS),
                nanos(node, "slow_ms", NS_PER_MS), nanos(node, "overrun_tolerance_ms", NS_PER_MS)));
    }

    private static AcquisitionConfig acquisition(ConfigNode node) {
        node.allowOnly("cell_voltage_min_v", "cell_voltage_max_v", "temperature_min_c", "temperature_max_c",
                "stale_after_ms", "frozen_conversions", "frozen_min_current_a", "current_stale_after_ms",
                "charging_current_a");
        return node.build(() -> new AcquisitionConfig(node.number("cell_voltage_min_v"),
                node.number("cell_voltage_max_v"), node.number("temperature_min_c"), node.number("temperature_max_c"),
                nanos(node, "stale_after_ms", NS_PER_MS), wholeNumber(node, "frozen_conversions"),
                node.number("frozen_min_current_a"), nanos(node, "current_stale_after_ms", NS_PER_MS),
                node.number("charging_current_a")));
    }

    private static SocConfig soc(ConfigNode node) {
        node.allowOnly("estimator", "rest_current_a", "rest_time_s", "anchor_soc_sigma", "current_sigma_a",
                "current_bias_sigma_a", "voltage_sigma_v", "rc_sigma_v", "hysteresis_sigma", "resistance_scale_sigma",
                "innovation_gate_sigma", "noise_adaptation_s");
        SocConfig.Estimator estimator = choice(node.get("estimator"), SocConfig.Estimator.class);
        return node.build(() -> new SocConfig(estimator, node.number("rest_current_a"), node.number("rest_time_s"),
                node.number("anchor_soc_sigma"), node.number("current_sigma_a"), node.number("current_bias_sigma_a"),
                node.number("voltage_sigma_v"), node.number("rc_sigma_v"), node.number("hysteresis_sigma"),
                node.number("resistance_scale_sigma"), node.number("innovation_gate_sigma"),
                node.number("noise_adaptation_s")));
    }

    private static BalancingConfig balancing(ConfigNode node) {
        node.allowOnly("strategy", "threshold_v", "hysteresis_v", "soc_threshold", "min_cell_voltage_v",
                "rest_current_a", "rest_time_s", "charge_time_s", "max_cell_temperature_c",
                "max_board_temperature_c", "pause_during_measurement", "bleed_resistance_ohm");
        BalancingConfig.Strategy strategy = choice(node.get("strategy"), BalancingConfig.Strategy.class);
        return node.build(() -> new BalancingConfig(strategy, node.number("threshold_v"), node.number("hysteresis_v"),
                node.number("soc_threshold"), node.number("min_cell_voltage_v"), node.number("rest_current_a"),
                node.number("rest_time_s"), node.number("charge_time_s"), node.number("max_cell_temperature_c"),
                node.number("max_board_temperature_c"), node.get("pause_during_measurement").bool(),
                node.number("bleed_resistance_ohm")));
    }

    private static ContactorSequenceConfig contactors(ConfigNode node) {
        node.allowOnly("feedback_timeout_ms", "weld_check_ms", "weld_rise_fraction", "precharge_timeout_ms",
                "precharge_attempts", "precharge_retry_pause_ms", "precharge_margin_v", "precharge_fraction",
                "precharge_max_current_a", "break_current_a", "opening_timeout_ms", "reclose_lockout_s",
                "welded_current_a");
        return node.build(() -> new ContactorSequenceConfig(nanos(node, "feedback_timeout_ms", NS_PER_MS),
                nanos(node, "weld_check_ms", NS_PER_MS), node.number("weld_rise_fraction"),
                nanos(node, "precharge_timeout_ms", NS_PER_MS), wholeNumber(node, "precharge_attempts"),
                nanos(node, "precharge_retry_pause_ms", NS_PER_MS), node.number("precharge_margin_v"),
                node.number("precharge_fraction"), node.number("precharge_max_current_a"),
                node.number("break_current_a"), nanos(node, "opening_timeout_ms", NS_PER_MS),
                nanos(node, "reclose_lockout_s", NS_PER_S), node.number("welded_current_a")));
    }

    private static LimitsConfig limits(ConfigNode node) {
        node.allowOnly("horizon_s", "min_cell_voltage_v", "max_cell_voltage_v", "warning_derate",
                "discharge_current_a", "charge_current_a");
        ConfigNode discharge = node.get("discharge_current_a").allowOnly("soc", "temperature_c", "current_a");
        ConfigNode charge = node.get("charge_current_a").allowOnly("soc", "temperature_c", "current_a");
        return node.build(() -> new LimitsConfig(
                Tables.read(discharge, "current_a", "discharge current limit", Tables.Constraint.NON_NEGATIVE),
                Tables.read(charge, "current_a", "charge current limit", Tables.Constraint.NON_NEGATIVE),
                node.number("horizon_s"), node.number("min_cell_voltage_v"), node.number("max_cell_voltage_v"),
                node.number("warning_derate")));
    }

    private static OpenWireConfig openWire(ConfigNode node) {
        node.allowOnly("enabled", "period_s", "threshold_v", "zero_v");
        return node.build(() -> new OpenWireConfig(node.get("enabled").bool(), nanos(node, "period_s", NS_PER_S),
                node.number("threshold_v"), node.number("zero_v")));
    }

    // ---- the diagnosis table -----------------------------------------------------------------------------

    private static DiagnosisTable diagnosis(ConfigNode node) {
        String[] ids = new String[FaultId.COUNT];
        for (FaultId id : FaultId.values()) {
            ids[id.ordinal()] = id.name();
        }
        node.allowOnly(ids);
        Map<FaultId, FaultRule> rules = new EnumMap<>(FaultId.class);
        for (String key : node.keys()) {
            FaultId id = FaultId.valueOf(key);
            rules.put(id, faultRule(id, node.get(key)));
        }
        try {
            return new DiagnosisTable(rules);
        } catch (InvalidConfigurationException e) {
            List<ConfigException> located = new ArrayList<>();
            for (String problem : e.problems()) {
                located.add(locate(node, problem));
            }
            if (located.size() == 1) {
                throw located.get(0);
            }
            List<String> lines = new ArrayList<>();
            for (ConfigException problem : located) {
                lines.add(problem.getMessage());
            }
            throw new ConfigException(node.source(), located.size() + " problems in the diagnosis table:\n  - "
                    + String.join("\n  - ", lines), e);
        }
    }

    /**
     * A table problem ({@code FAULT.tier: what}) as an error at that tier's place in the file (the fault's, or
     * the table's, when the tier is not there).
     */
    private static ConfigException locate(ConfigNode diagnosis, String problem) {
        int colon = problem.indexOf(": ");
        if (colon < 0) {
            return diagnosis.error(problem);
        }
        ConfigNode at = diagnosis;
        for (String part : problem.substring(0, colon).split("\\.")) {
            if (!at.isMap() || !at.has(part)) {
                break;
            }
            at = at.get(part);
        }
        return at.error(problem.substring(colon + 2));
    }

    private static FaultRule faultRule(FaultId id, ConfigNode node) {
        node.allowOnly("latching", "info", "warning", "fatal");
        boolean latching = node.find("latching").map(ConfigNode::bool).orElse(false);
        TierRule[] tiers = new TierRule[FaultLevel.COUNT];
        for (FaultLevel level : FaultLevel.values()) {
            tiers[level.ordinal()] = node.find(level.id()).map(n -> tierRule(id, n)).orElse(TierRule.DISABLED);
        }
        return new FaultRule(id, tiers[0], tiers[1], tiers[2], latching);
    }

    private static TierRule tierRule(FaultId id, ConfigNode node) {
        node.allowOnly("enabled", "threshold", "reset", "events", "delay_ms", "reaction");
        boolean enabled = node.find("enabled").map(ConfigNode::bool).orElse(true);
        if (!enabled) {
            return TierRule.DISABLED;
        }
        boolean condition = id.kind() == FaultId.Kind.CONDITION;
        if (condition && (node.has("threshold") || node.has("reset"))) {
            throw node.error(id + " is a condition (" + id.measures() + "): it takes no threshold or reset");
        }
        double threshold = condition ? Double.NaN : node.number("threshold");
        double reset = condition ? Double.NaN : node.number("reset");
        int events = wholeNumber(node, "events");
        long delayNs = nanos(node, "delay_ms", NS_PER_MS);
        Reaction reaction = choice(node.get("reaction"), Reaction.class);
        return node.build(() -> new TierRule(true, threshold, reset, events, delayNs, reaction));
    }

    /** One of an enum's values, by its lower-case name. */
    private static <E extends Enum<E>> E choice(ConfigNode node, Class<E> type) {
        String text = node.text();
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT));
        }
        throw node.error("expected one of " + String.join(", ", allowed) + ", got '" + text + "'");
    }
}
