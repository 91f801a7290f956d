package org.bmsbench.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Checks;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.Expectation;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScheduledFault;
import org.bmsbench.scenario.Segment;
import org.bmsbench.sim.AfeConfig;
import org.bmsbench.sim.CellVariation;
import org.bmsbench.sim.ContactorConfig;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.PlantFault;
import org.bmsbench.sim.ThermalConfig;

/**
 * Reads scenario files ({@code docs/scenarios.md}). Paths in a scenario (a cell file, a measured current trace)
 * are relative to the scenario's folder. Every problem is a {@link ConfigException} naming the file, line, column
 * and key, with the valid keys or values where a name is wrong; an expectation that names an unknown fault or
 * signal is an error, never a silent pass.
 */
public final class ScenarioFiles {
    /** The battery whose power a pack shares on a drive cycle by default: a mid-size EV's 75 kWh. */
    public static final double DEFAULT_VEHICLE_BATTERY_WH = 75_000;

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    /** A name becomes a folder (and a file system allows 255 bytes a name): 100 characters at most. */
    static final int MAX_NAME = 100;
    /** The longest run or segment: a year of simulated time. */
    static final double MAX_DURATION_S = 366 * 86_400.0;
    /** The finest plant step: 0.1 ms, a tenth of the firmware's fastest task. */
    static final double MIN_STEP_S = 1e-4;
    /** A run of more plant steps than this would take days of wall time (a 96-cell step takes about 4 us). */
    static final double MAX_STEPS = 1e10;

    private ScenarioFiles() {
    }

    /**
     * Every scenario file among {@code paths}: the files given, and every {@code .yaml}/{@code .yml} file under
     * the folders given, sorted by path and without duplicates, so every run (and every CI shard) sees the same
     * order. Files under the working directory come relative to it (as a user names them), others absolute.
     */
    public static List<Path> discover(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(ScenarioFiles::isScenarioFile).forEach(files::add);
                } catch (IOException e) {
                    throw new ConfigException(path.toString(), "cannot list the folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new ConfigException(path.toString(), Files.exists(path) ? "not a regular file or a folder"
                        : "no such file or folder", null);
            }
        }
        Path here = Path.of("").toAbsolutePath();
        List<Path> unique = files.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted()
                .map(p -> p.startsWith(here) ? here.relativize(p) : p).toList();
        if (unique.isEmpty()) {
            throw new ConfigException(String.join(", ", paths.stream().map(Path::toString).toList()),
                    "no scenario files (.yaml, .yml) found", null);
        }
        return unique;
    }

    private static boolean isScenarioFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Reads one scenario file. */
    public static Scenario read(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return parse(ConfigNode.read(file), folder);
    }

    /** A scenario already parsed as YAML; relative paths resolve against {@code folder}. */
    public static Scenario parse(ConfigNode root, Path folder) {
        root.allowOnly("name", "description", "seed", "start", "pack", "bms", "simulation", "profile", "faults",
                "expect", "can");
        ConfigNode nameNode = root.get("name");
        String name = nameNode.text();
        if (!name.matches(NAME) || name.length() > MAX_NAME) {
            throw nameNode.error("a name of at most " + MAX_NAME + " letters, digits, '.', '_' and '-' (it names the"
                    + " run's files), got '" + (name.length() > 40 ? name.substring(0, 40) + "...' (" + name.length()
                    + " characters)" : name + "'"));
        }
        long seed = root.find("seed").map(ConfigNode::integer).orElse(1L);
        boolean startNormal = root.find("start").map(n -> choice(n, "normal", "standby").equals("normal"))
                .orElse(true);
        Pack pack = pack(root.get("pack"), folder, seed);
        BmsConfig bms = bms(root, pack, folder);
        ConfigNode simulation = root.find("simulation").orElse(null);
        long stepNs = Scenario.DEFAULT_STEP_NS;
        long durationNs = 0;
        if (simulation != null) {
            simulation.allowOnly("step_s", "duration_s");
            if (simulation.has("step_s")) {
                double stepS = simulation.number("step_s", Checks::positive);
                if (stepS > 1.0 || stepS < MIN_STEP_S) {
                    throw simulation.get("step_s").error("a plant step from " + MIN_STEP_S + " s to 1 s, got "
                            + stepS);
                }
                stepNs = Math.round(stepS * 1e9);
            }
            if (simulation.has("duration_s")) {
                durationNs = Math.round(duration(simulation) * 1e9);
                if (durationNs / (double) stepNs > MAX_STEPS) {
                    throw simulation.get("duration_s").error(String.format(Locale.ROOT, "%.3g plant steps (%s s at"
                            + " %s s a step): more than the %.0g a run may take (days of wall time); shorten the run"
                            + " or lengthen simulation.step_s", durationNs / (double) stepNs, durationNs / 1e9,
                            stepNs / 1e9, MAX_STEPS));
                }
            }
        }
        List<Segment> profile = root.find("profile")
                .map(n -> ProfileFiles.read(n, pack.config().nominalEnergyWh(), folder)).orElse(List.of());
        if (durationNs == 0 && profile.stream().noneMatch(s -> s instanceof Segment.LoadSegment)) {
            throw root.error("the run needs an end: give simulation.duration_s, or a profile with a segment that"
                    + " ends");
        }
        if (durationNs == 0 && profile.get(profile.size() - 1) instanceof Segment.RequestSegment) {
            throw root.get("profile").error("the profile ends with a request, and the run ends with the profile,"
                    + " so nothing would follow it: add a segment after it (a rest) or give simulation.duration_s");
        }
        List<ScheduledFault> faults = root.find("faults").map(n -> faults(n, pack)).orElse(List.of());
        ConfigNode expectNode = root.find("expect").orElseThrow(() -> root.error(
                "a scenario needs expectations (expect:): without them it proves nothing"));
        List<Expectation> expectations = ExpectationFiles.read(expectNode);
        if (expectations.isEmpty()) {
            throw expectNode.error("a scenario needs at least one expectation: without them it proves nothing");
        }
        String canProfile = root.find("can").map(n -> n.allowOnly("profile").text("profile")).orElse(null);
        long finalDurationNs = durationNs;
        long finalStepNs = stepNs;
        return root.build(() -> new Scenario(name, root.find("description").map(ConfigNode::text).orElse(""),
                root.source(), pack.plant, bms, pack.socEstimate, startNormal, finalStepNs, finalDurationNs,
                profile, faults, expectations, canProfile));
    }

    // ---- the pack ----------------------------------------------------------------------------------------

    /** The parsed pack block. */
    private static final class Pack {
        PlantConfig plant;
        String cellReference;
        int cellsPerSensor;
        double socEstimate = Double.NaN;

        PackConfig config() {
            return plant.pack();
        }
    }

    private static Pack pack(ConfigNode node, Path folder, long seed) {
        node.allowOnly("cell", "series", "parallel", "variation", "initial", "ambient_c",
                "cells_per_temperature_sensor");
        Pack pack = new Pack();
        ConfigNode cellNode = node.find("cell").orElse(null);
        pack.cellReference = cellNode == null ? CellFiles.PRESETS.get(0) : cellReference(cellNode.text(), folder);
        CellParameters cell;
        try {
            cell = CellFiles.load(pack.cellReference);
        } catch (ConfigException e) {
            if (cellNode == null || e.line() > 0) {
                throw e;
            }
            throw cellNode.error(e.getMessage());
        }
        int series = count(node, "series", true, 1);
        int parallel = count(node, "parallel", false, 1);
        pack.cellsPerSensor = count(node, "cells_per_temperature_sensor", false, 1);
        CellVariation variation = node.find("variation").map(ScenarioFiles::variation).orElse(CellVariation.NONE);
        double ambientC = node.number("ambient_c", 25.0);
        ConfigNode initial = node.get("initial").allowOnly("soc", "temperature_c", "soc_estimate");
        double soc = initial.number("soc", (key, v) -> Checks.inRange("soc", v, 0, 1));
        double temperatureC = initial.number("temperature_c", ambientC);
        initial.find("soc_estimate").ifPresent(n -> pack.socEstimate =
                initial.number("soc_estimate", (key, v) -> Checks.inRange("soc_estimate", v, 0, 1)));
        PackConfig packConfig = node.build(() -> new PackConfig(cell, series, parallel, variation, soc,
                PackConfig.DEFAULT_BALANCING_RESISTANCE_OHM));
        AfeConfig afe = AfeConfig.DEFAULT.withCellsPerTemperatureSensor(pack.cellsPerSensor);
        ThermalConfig thermal = node.build(() -> ThermalConfig.air(ambientC));
        pack.plant = node.build(() -> new PlantConfig(packConfig, thermal, afe, ContactorConfig.DEFAULT,
                temperatureC, PlantConfig.HEALTHY_ISOLATION_OHM, seed));
        return pack;
    }

    private static String cellReference(String text, Path folder) {
        return CellFiles.PRESETS.contains(text) ? text : folder.resolve(text).normalize().toString();
    }

    /** A whole number of cells (or repeats) from 1 to {@link PackConfig#MAX_CELLS} under {@code key}. */
    static int count(ConfigNode map, String key, boolean required, int fallback) {
        if (!map.has(key)) {
            if (required) {
                map.get(key); // the missing-key error
            }
            return fallback;
        }
        ConfigNode node = map.get(key);
        long value = node.integer();
        if (value < 1 || value > PackConfig.MAX_CELLS) {
            throw node.error("expected a whole number from 1 to " + PackConfig.MAX_CELLS + ", got " + value);
        }
        return (int) value;
    }

    private static CellVariation variation(ConfigNode node) {
        node.allowOnly("capacity", "resistance", "soc", "self_discharge");
        return node.build(() -> new CellVariation(node.number("capacity", 0.0), node.number("resistance", 0.0),
                node.number("soc", 0.0), node.number("self_discharge", 0.0)));
    }

    /** The BMS: the defaults, then what the pack says (the cell, the cells in parallel), then the bms block. */
    private static BmsConfig bms(ConfigNode root, Pack pack, Path folder) {
        ConfigNode packLayer = ConfigNode.derived(root.get("pack"), Map.of("cell", pack.cellReference,
                "pack", Map.of("parallel", pack.config().parallel(),
                        "cells_per_temperature_sensor", pack.cellsPerSensor)));
        ConfigNode block = root.find("bms").orElse(null);
        if (block == null) {
            return BmsConfigFiles.withOverrides(packLayer);
        }
        block.keys(); // a map
        ConfigNode resolved = block;
        if (block.has("cell")) {
            String reference = cellReference(block.get("cell").text(), folder);
            resolved = ConfigNode.overlay(block, ConfigNode.derived(block.get("cell"), Map.of("cell", reference)));
        }
        return BmsConfigFiles.withOverrides(packLayer, resolved);
    }

    /** A positive duration of at most {@link #MAX_DURATION_S}, under {@code duration_s}. */
    static double duration(ConfigNode node) {
        return duration(node, "duration_s");
    }

    /** A positive duration of at most {@link #MAX_DURATION_S}, under {@code key}. */
    static double duration(ConfigNode node, String key) {
        return node.number(key, (name, v) -> {
            Checks.positive(name, v);
            if (v > MAX_DURATION_S) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION_S + " s (a year), got "
                        + v);
            }
            return v;
        });
    }

    // ---- faults ------------------------------------------------------------------------------------------

    private static List<ScheduledFault> faults(ConfigNode list, Pack pack) {
        List<ScheduledFault> faults = new ArrayList<>();
        for (ConfigNode node : list.elements()) {
            faults.add(fault(node, pack));
        }
        return faults;
    }

    /** A fault as its type declares it ({@link PlantFault.Type}): its target's key, its value's key and rule. */
    private static ScheduledFault fault(ConfigNode node, Pack pack) {
        ConfigNode typeNode = node.get("type");
        String id = typeNode.text();
        PlantFault.Type type = PlantFault.Type.fromId(id);
        if (type == null) {
            throw typeNode.error("unknown fault type '" + id + "'; expected one of: "
                    + String.join(", ", PlantFault.Type.ids()));
        }
        Optional<PlantFault.Quantity> quantity = type.quantity();
        List<String> keys = new ArrayList<>(List.of("at_s", "type", "duration_s"));
        if (!type.target().key().isEmpty()) {
            keys.add(type.target().key());
        }
        quantity.ifPresent(q -> keys.add(q.key()));
        node.allowOnly(keys.toArray(String[]::new));
        int target = target(node, type.target(), pack);
        double value = quantity.filter(q -> q.required() || node.has(q.key()))
                .map(q -> node.number(q.key(), q.rule()::check))
                .orElse(Double.NaN);
        PlantFault fault = new PlantFault(type, target, value);
        double atS = node.number("at_s", Checks::nonNegative);
        double duration = node.has("duration_s") ? duration(node)
                : Double.POSITIVE_INFINITY;
        return new ScheduledFault(atS, fault, duration);
    }

    /** What a fault hits, as the plant counts it (from 0; a contactor by its wire code). */
    private static int target(ConfigNode node, PlantFault.Target target, Pack pack) {
        PackConfig config = pack.config();
        return switch (target) {
            case CHANNEL -> target(node, target.key(), config.series());
            case CELL -> target(node, target.key(), config.cellCount());
            case TEMPERATURE_SENSOR -> target(node, target.key(),
                    pack.plant.afe().temperatureSensorCount(config.cellCount()));
            case CONTACTOR -> contactor(node.get(target.key())).wireCode();
            case PACK -> 0;
        };
    }

    private static ContactorId contactor(ConfigNode node) {
        List<String> names = new ArrayList<>();
        for (ContactorId id : ContactorId.values()) {
            names.add(id.shortName());
        }
        return ContactorId.fromShortName(choice(node, names.toArray(String[]::new)));
    }

    /** A cell, channel or sensor number, counted from 1 in the file, from 0 in the plant. */
    private static int target(ConfigNode node, String key, int count) {
        ConfigNode n = node.get(key);
        long value = n.integer();
        if (value < 1 || value > count) {
            throw n.error("expected a " + key + " from 1 to " + count + " (numbered from 1), got " + value);
        }
        return (int) value - 1;
    }

    /** {@code node}'s text, which must be one of {@code allowed}. */
    static String choice(ConfigNode node, String... allowed) {
        String text = node.text();
        for (String a : allowed) {
            if (a.equals(text)) {
                return text;
            }
        }
        throw node.error("expected one of " + String.join(", ", allowed) + ", got '" + text + "'");
    }
}
