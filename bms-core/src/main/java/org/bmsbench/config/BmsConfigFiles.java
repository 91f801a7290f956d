package org.bmsbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.InvalidConfigurationException;
import org.bmsbench.firmware.diag.DiagnosisTable;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.diag.FaultRule;
import org.bmsbench.firmware.diag.Reaction;
import org.bmsbench.firmware.diag.TierRule;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Checks;
import org.bmsbench.model.Table2D;

/**
 * Reads BMS configurations ({@code docs/bms-config.md}). Every configuration is laid over the bundled defaults
 * ({@code org/bmsbench/bms/default.yaml}): a file or a scenario's {@code bms:} block gives only what it
 * changes. The keys are {@link BmsConfig}'s components and the records it holds, bound by {@link RecordBinder}
 * (its naming rule says how a component names its key); a new setting is a record component, its default in
 * {@code default.yaml} and its row in {@code docs/bms-config.md} ({@code BmsConfigKeysTest} checks all three
 * agree). Every problem is a {@link ConfigException} naming the file, line and key, all of a file's problems at
 * once.
 */
public final class BmsConfigFiles {
    private static final String DEFAULTS = "/org/bmsbench/bms/default.yaml";
    private static final double NS_PER_MS = 1e6;
    private static final Set<String> FAULT_KEYS = Set.of("latching", "info", "warning", "fatal");
    private static final Set<String> TIER_KEYS = Set.of("enabled", "threshold", "reset", "events", "delay_ms",
            "reaction");
    private static final Set<String> TABLE_KEYS = Set.of("soc", "temperature_c", "current_a");

    /** Reads the configuration records; the cell, the current tables and the diagnosis table by hand. */
    private static final RecordBinder BINDER = new RecordBinder()
            .with(CellParameters.class, BmsConfigFiles::cell)
            .with(Table2D.class, BmsConfigFiles::currentTable)
            .with(DiagnosisTable.class, BmsConfigFiles::diagnosis);

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
        return BINDER.bind(BmsConfig.class, root);
    }

    /**
     * Every key of a BMS configuration, as dotted paths ({@code tasks.fast_ms}); {@code cell}, each current table
     * and {@code diagnosis} count as one key each.
     */
    public static List<String> keys() {
        return BINDER.keys(BmsConfig.class);
    }

    private static CellParameters cell(ConfigNode node) {
        try {
            return CellFiles.load(node.text());
        } catch (ConfigException e) {
            if (e.line() > 0) {
                throw e; // a problem inside the cell file: its own location is the useful one
            }
            throw node.error(e.getMessage());
        }
    }

    /** A current limit per cell by soc and temperature, e.g. {@code discharge_current_a}. */
    private static Table2D currentTable(ConfigNode node) {
        List<ConfigException> unknown = node.unknownKeys(TABLE_KEYS);
        if (!unknown.isEmpty()) {
            throw ConfigException.of(node.source(), "", unknown);
        }
        String key = node.path().substring(node.path().lastIndexOf('.') + 1);
        String quantity = key.replaceFirst("_a$", "").replace('_', ' ') + " limit"; // "discharge current limit"
        return Tables.read(node, "current_a", quantity, Tables.Constraint.NON_NEGATIVE);
    }

    // ---- the diagnosis table -----------------------------------------------------------------------------

    /**
     * The table, read by hand: its keys are the fault ids, a tier not given is off, a condition fault's tiers
     * take no threshold. Every problem reading it is reported; the table then checks itself as a whole.
     */
    private static DiagnosisTable diagnosis(ConfigNode node) {
        List<String> ids = new ArrayList<>();
        for (FaultId id : FaultId.values()) {
            ids.add(id.name());
        }
        List<ConfigException> problems = new ArrayList<>(node.unknownKeys(ids));
        Map<FaultId, FaultRule> rules = new EnumMap<>(FaultId.class);
        for (String key : node.keys()) {
            if (ids.contains(key)) {
                FaultId id = FaultId.valueOf(key);
                FaultRule rule = attempt(problems, () -> faultRule(id, node.get(key), problems));
                if (rule != null) {
                    rules.put(id, rule);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.of(node.source(), " in the diagnosis table", problems);
        }
        try {
            return new DiagnosisTable(rules);
        } catch (InvalidConfigurationException e) {
            List<ConfigException> located = new ArrayList<>();
            for (String problem : e.problems()) {
                located.add(locate(node, problem));
            }
            throw ConfigException.of(node.source(), " in the diagnosis table", located);
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

    /** The fault's rule, or null when a problem (added to {@code problems}) keeps it from being made. */
    private static FaultRule faultRule(FaultId id, ConfigNode node, List<ConfigException> problems) {
        int before = problems.size();
        problems.addAll(node.unknownKeys(FAULT_KEYS));
        Boolean latching = attempt(problems, () -> node.find("latching").map(ConfigNode::bool).orElse(false));
        TierRule[] tiers = new TierRule[FaultLevel.COUNT];
        for (FaultLevel level : FaultLevel.values()) {
            tiers[level.ordinal()] = attempt(problems, () -> node.find(level.id())
                    .map(tier -> tierRule(id, tier, problems)).orElse(TierRule.DISABLED));
        }
        if (problems.size() > before) {
            return null;
        }
        return new FaultRule(id, tiers[0], tiers[1], tiers[2], latching);
    }

    /** The tier's rule, or {@code null} when a problem (added to {@code problems}) keeps it from being made. */
    private static TierRule tierRule(FaultId id, ConfigNode node, List<ConfigException> problems) {
        int before = problems.size();
        problems.addAll(node.unknownKeys(TIER_KEYS));
        Boolean enabled = attempt(problems, () -> node.find("enabled").map(ConfigNode::bool).orElse(true));
        if (Boolean.FALSE.equals(enabled)) {
            return problems.size() > before ? null : TierRule.DISABLED;
        }
        boolean condition = id.kind() == FaultId.Kind.CONDITION;
        if (condition && (node.has("threshold") || node.has("reset"))) {
            problems.add(node.error(id + " is a condition (" + id.measures() + "): it takes no threshold or reset"));
        }
        Double threshold = condition ? Double.NaN : attempt(problems, () -> node.number("threshold"));
        Double reset = condition ? Double.NaN : attempt(problems, () -> node.number("reset"));
        Integer events = attempt(problems, () -> events(node.get("events")));
        Long delayNs = attempt(problems, () -> Math.round(node.number("delay_ms", Checks::nonNegative) * NS_PER_MS));
        Reaction reaction = attempt(problems, () -> RecordBinder.choice(node.get("reaction"), Reaction.class));
        if (problems.size() > before) {
            return null;
        }
        try {
            return node.build(() -> new TierRule(true, threshold, reset, events, delayNs, reaction));
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
    }

    private static int events(ConfigNode node) {
        long value = node.integer();
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw node.error("expected a whole number of 1 or more, got " + value);
        }
        return (int) value;
    }

    /** What {@code read} returns, or {@code null} with its problem added to {@code problems}. */
    private static <T> T attempt(List<ConfigException> problems, Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
    }
}
