package org.bmsbench.io;

import java.nio.file.Path;
import java.util.List;
import org.bmsbench.config.ConfigException;
import org.bmsbench.sim.load.SpeedTrace;

/**
 * Drive-cycle speed traces: {@code time_s,speed_mps} CSV files, and the standard cycles bundled with the bench
 * (EPA UDDS, HWFET and US06, WLTC class 3b, NEDC; provenance in
 * {@code bms-core/src/main/resources/org/bmsbench/drive-cycles/README.md}).
 */
public final class SpeedTraces {
    /** The bundled cycles, by name. */
    public static final List<String> BUNDLED = List.of("udds", "hwfet", "us06", "wltc-3b", "nedc");

    private static final List<String> COLUMNS = List.of("time_s", "speed_mps");

    private SpeedTraces() {
    }

    /** A bundled cycle by name, or otherwise a speed trace file at that path. */
    public static SpeedTrace load(String nameOrPath) {
        if (BUNDLED.contains(nameOrPath)) {
            return bundled(nameOrPath);
        }
        if (!nameOrPath.endsWith(".csv") && !nameOrPath.endsWith(".csv.gz")) {
            throw new ConfigException(nameOrPath, "not a bundled drive cycle (" + String.join(", ", BUNDLED)
                    + ") nor a path to a .csv speed trace", null);
        }
        return read(Path.of(nameOrPath));
    }

    /** A bundled cycle by name. */
    public static SpeedTrace bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("no bundled drive cycle '" + name + "'; bundled: "
                    + String.join(", ", BUNDLED));
        }
        return toTrace(name, NumericCsv.readResource("/org/bmsbench/drive-cycles/" + name + ".csv", COLUMNS, List.of()));
    }

    /** A speed trace file. */
    public static SpeedTrace read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", "");
        return toTrace(name, NumericCsv.read(file, COLUMNS, List.of()));
    }

    private static SpeedTrace toTrace(String name, NumericCsv csv) {
        csv.requireIncreasing("time_s");
        csv.requireAtLeast("speed_mps", 0.0);
        try {
            return new SpeedTrace(name, csv.column("time_s"), csv.column("speed_mps"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(csv.source(), e.getMessage(), e);
        }
    }
}
