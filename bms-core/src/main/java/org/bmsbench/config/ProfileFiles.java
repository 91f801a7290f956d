package org.bmsbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.io.MeasuredCycle;
import org.bmsbench.io.SpeedTraces;
import org.bmsbench.model.Checks;
import org.bmsbench.scenario.Segment;
import org.bmsbench.sim.load.CcCvCharger;
import org.bmsbench.sim.load.ConstantCurrentLoad;
import org.bmsbench.sim.load.ConstantPowerLoad;
import org.bmsbench.sim.load.DriveCycleLoad;
import org.bmsbench.sim.load.Load;
import org.bmsbench.sim.load.RestLoad;
import org.bmsbench.sim.load.SpeedTrace;
import org.bmsbench.sim.load.VehicleParameters;

/**
 * A scenario file's {@code profile:} list (docs/scenarios.md): loads (rest, current, power, CC-CV charge, drive
 * cycle, measured current) and the vehicle's requests, in order, each bounded (durations to a year, currents to
 * 100 kA, powers to 100 MW). Every problem names the file, line and key, and what was expected.
 */
final class ProfileFiles {
    /** A pack current beyond 100 kA, or a power beyond 100 MW, is a unit mistake, not a load. */
    static final double MAX_CURRENT_A = 1e5;
    static final double MAX_POWER_W = 1e8;
    /** A CC-CV charge's safety timer when the file gives none: a day. */
    static final double DEFAULT_CHARGE_TIME_LIMIT_S = 86_400.0;

    private ProfileFiles() {
    }

    /**
     * The segments of a scenario's {@code profile:} list; {@code packEnergyWh} scales a drive cycle's power by
     * default, {@code folder} is where relative paths start.
     */
    static List<Segment> read(ConfigNode list, double packEnergyWh, Path folder) {
        List<Segment> segments = new ArrayList<>();
        for (ConfigNode item : list.elements()) {
            if (!item.isMap() || item.keys().size() != 1) {
                throw item.error("expected one segment, a map with one key: " + SegmentType.names());
            }
            String type = item.keys().iterator().next();
            ConfigNode node = item.get(type);
            segments.add(segment(type, node, packEnergyWh, folder));
        }
        return segments;
    }

    /** A finite number of magnitude at most {@code max}, under {@code key}. */
    private static double bounded(ConfigNode node, String key, double max, String what) {
        return node.number(key, (name, v) -> {
            if (!(Math.abs(v) <= max)) {
                throw new IllegalArgumentException(name + ": " + what + " of magnitude at most " + max + ", got " + v);
            }
            return v;
        });
    }

    /** The segment kinds a profile can hold: each its key in the file, the keys it takes and how it is read. */
    enum SegmentType {
        REST("rest", List.of("duration_s"), (node, energyWh, folder) -> {
            double duration = ScenarioFiles.duration(node);
            return load(() -> new RestLoad(duration), false, "rest " + duration + " s");
        }),
        CURRENT("current", List.of("current_a", "duration_s", "respect_limits"), (node, energyWh, folder) -> {
            double current = bounded(node, "current_a", MAX_CURRENT_A, "a pack current");
            double duration = ScenarioFiles.duration(node);
            return load(() -> new ConstantCurrentLoad(current, duration), respect(node),
                    "current " + current + " A for " + duration + " s");
        }),
        POWER("power", List.of("power_w", "duration_s", "respect_limits"), (node, energyWh, folder) -> {
            double power = bounded(node, "power_w", MAX_POWER_W, "a pack power");
            double duration = ScenarioFiles.duration(node);
            return load(() -> new ConstantPowerLoad(power, duration), respect(node),
                    "power " + power + " W for " + duration + " s");
        }),
        CHARGE_CCCV("charge_cccv", List.of("current_a", "voltage_v", "cutoff_a", "limit", "time_limit_s",
                "respect_limits"), ProfileFiles::chargeCcCv),
        DRIVE_CYCLE("drive_cycle", List.of("cycle", "repeat", "power_scale", "respect_limits"),
                ProfileFiles::driveCycle),
        CSV("csv", List.of("file", "scale", "respect_limits"), ProfileFiles::measuredCurrent),
        REQUEST("request", List.of("state"), (node, energyWh, folder) -> {
            String state = ScenarioFiles.choice(node.get("state"), "standby", "normal");
            return new Segment.RequestSegment(state.equals("normal") ? BmsRequest.NORMAL : BmsRequest.STANDBY);
        }),
        RESET_FAULTS("reset_faults", List.of(), (node, energyWh, folder) ->
                new Segment.RequestSegment(BmsRequest.RESET_FAULTS)),
        SERVICE_RESET("service_reset", List.of(), (node, energyWh, folder) ->
                new Segment.RequestSegment(BmsRequest.SERVICE_RESET)),
        CAN("can", List.of("id", "data", "message", "signals", "every_ms", "stop"), ProfileFiles::canFrame);

        private final String key;
        private final List<String> keys;
        private final Reader reader;

        SegmentType(String key, List<String> keys, Reader reader) {
            this.key = key;
            this.keys = keys;
            this.reader = reader;
        }

        /** The segment's key in a scenario file. */
        String key() {
            return key;
        }

        /** The keys this segment takes, in the order the docs list them. */
        List<String> keys() {
            return keys;
        }

        /** Every segment's key, sorted, for error messages. */
        static String names() {
            return Arrays.stream(values()).map(SegmentType::key).sorted().collect(Collectors.joining(", "));
        }

        static Optional<SegmentType> of(String key) {
            return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
        }
    }

    @FunctionalInterface
    private interface Reader {
        Segment read(ConfigNode node, double packEnergyWh, Path folder);
    }

    private static Segment segment(String type, ConfigNode node, double packEnergyWh, Path folder) {
        SegmentType kind = SegmentType.of(type).orElseThrow(() -> node.error("unknown segment '" + type
                + "'; expected one of: " + SegmentType.names()));
        if (kind.keys().isEmpty()) {
            if (!node.isNull()) {
                node.allowOnly();
            }
        } else {
            node.allowOnly(kind.keys().toArray(String[]::new));
        }
        return kind.reader.read(node, packEnergyWh, folder);
    }

    private static Segment chargeCcCv(ConfigNode node, double packEnergyWh, Path folder) {
        double current = bounded(node, "current_a", MAX_CURRENT_A, "a charge current");
        double voltage = node.number("voltage_v", Checks::positive);
        double cutoff = node.number("cutoff_a", Checks::positive);
        CcCvCharger.Limit limit = node.find("limit")
                .map(n -> ScenarioFiles.choice(n, "cell", "pack").equals("pack") ? CcCvCharger.Limit.PACK
                        : CcCvCharger.Limit.HIGHEST_CELL)
                .orElse(CcCvCharger.Limit.HIGHEST_CELL);
        double timeLimit = node.has("time_limit_s") ? ScenarioFiles.duration(node, "time_limit_s")
                : DEFAULT_CHARGE_TIME_LIMIT_S;
        node.build(() -> new CcCvCharger(current, voltage, cutoff, limit, timeLimit)); // check once, here
        return load(() -> new CcCvCharger(current, voltage, cutoff, limit, timeLimit), respect(node),
                "charge CC-CV " + current + " A to " + voltage + " V, cut-off " + cutoff + " A or "
                        + timeLimit + " s");
    }

    private static Segment driveCycle(ConfigNode node, double packEnergyWh, Path folder) {
        ConfigNode cycleNode = node.get("cycle");
        String cycle = cycleNode.text();
        SpeedTrace trace;
        try {
            trace = SpeedTraces.load(SpeedTraces.BUNDLED.contains(cycle) ? cycle
                    : folder.resolve(cycle).toString());
        } catch (ConfigException e) {
            throw cycleNode.error(e.getMessage()); // the scenario, and the file and line inside it
        }
        int repeat = ScenarioFiles.count(node, "repeat", false, 1);
        double scale = node.has("power_scale") ? node.number("power_scale", Checks::positive)
                : packEnergyWh / ScenarioFiles.DEFAULT_VEHICLE_BATTERY_WH;
        return load(() -> new DriveCycleLoad(trace, VehicleParameters.MIDSIZE_EV, repeat, scale),
                respect(node), String.format(Locale.ROOT, "drive cycle %s x%d (%.3g of a mid-size EV)",
                        trace.name(), repeat, scale));
    }

    private static Segment measuredCurrent(ConfigNode node, double packEnergyWh, Path folder) {
        ConfigNode fileNode = node.get("file");
        MeasuredCycle cycle;
        try {
            cycle = MeasuredCycle.read(folder.resolve(fileNode.text()));
        } catch (ConfigException e) {
            throw fileNode.error(e.getMessage()); // the scenario, and the file and line inside it
        }
        double scale = node.number("scale", 1.0);
        node.build(() -> cycle.currentProfile(scale));
        return load(() -> cycle.currentProfile(scale), respect(node),
                "measured current " + fileNode.text() + " x" + scale);
    }

    /** A vehicle frame: raw ({@code id}, {@code data} in hex) or by message and signals; once, cyclic, or stopped. */
    private static Segment canFrame(ConfigNode node, double packEnergyWh, Path folder) {
        boolean stop = node.find("stop").map(ConfigNode::bool).orElse(false);
        if (node.has("id") && node.has("message")) {
            throw node.error("give id (and data) or message (and signals), not both");
        }
        int id = -1;
        boolean extended = false;
        String data = null;
        if (node.has("id")) {
            ConfigNode idNode = node.get("id");
            long value;
            try {
                value = Long.decode(idNode.text());
            } catch (NumberFormatException e) {
                throw idNode.error("expected a CAN id, decimal or hex (0x210), got '" + idNode.text() + "'");
            }
            if (value < 0 || value > 0x1FFF_FFFF) {
                throw idNode.error("expected an 11-bit (up to 0x7FF) or 29-bit (up to 0x1FFFFFFF) CAN id, got "
                        + idNode.text());
            }
            id = (int) value;
            extended = value > 0x7FF;
            if (!stop) {
                ConfigNode dataNode = node.get("data");
                data = dataNode.text().replace(" ", "").toUpperCase(Locale.ROOT);
                if (!data.matches("([0-9A-F]{2}){0,8}")) {
                    throw dataNode.error("expected 0 to 8 bytes in hex (\"DEADBEEF\"), got '" + dataNode.text() + "'");
                }
            }
        } else if (node.has("data")) {
            throw node.get("data").error("data goes with a raw frame's id; a message takes signals");
        }
        String message = node.find("message").map(ConfigNode::text).orElse(null);
        Map<String, Double> signals = new LinkedHashMap<>();
        if (node.has("signals")) {
            if (message == null) {
                throw node.get("signals").error("signals go with a message (message: NAME)");
            }
            ConfigNode signalsNode = node.get("signals");
            for (String signal : signalsNode.keys()) {
                signals.put(signal, signalsNode.number(signal));
            }
        }
        if (!stop && id < 0 && message == null) {
            throw node.error("expected id and data, or message and signals (or stop: true)");
        }
        long everyNs = node.has("every_ms")
                ? Math.round(node.number("every_ms", Checks::positive) * 1_000_000) : 0;
        int frameId = id;
        boolean frameExtended = extended;
        String frameData = data;
        return node.build(() -> new Segment.CanSegment(frameId, frameExtended, frameData, message, signals,
                everyNs, stop));
    }

    private static Segment load(Supplier<Load> load, boolean respectLimits, String description) {
        return new Segment.LoadSegment(load, respectLimits, description);
    }

    private static boolean respect(ConfigNode node) {
        return node.find("respect_limits").map(ConfigNode::bool).orElse(true);
    }

}
