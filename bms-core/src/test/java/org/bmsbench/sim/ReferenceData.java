package org.bmsbench.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The measured reference data beside the project ({@code ../shared/data}). A developer without it skips the
 * tests that need it; CI sets {@code BMSBENCH_REQUIRE_REFERENCE_DATA} so that missing data fails the build
 * instead of silently skipping the checks against real measurements.
 */
public final class ReferenceData {
    private static final Path ROOT = Path.of("..", "..", "shared", "data");

    private ReferenceData() {
    }

    /** A file under {@code shared/data}, e.g. {@code cells/panasonic-18650pf/25degC_US06.csv.gz}. */
    public static Path file(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            String message = "reference data not found at " + path.toAbsolutePath().normalize();
            if (System.getenv("BMSBENCH_REQUIRE_REFERENCE_DATA") != null) {
                throw new AssertionError(message + " (required: BMSBENCH_REQUIRE_REFERENCE_DATA is set)");
            }
            assumeTrue(false, message);
        }
        return path;
    }
}
