package org.bmsbench.config;

import java.util.List;
import org.bmsbench.model.Checks;

/**
 * How a cell file's numbers were fitted (the optional {@code fit} block that {@code bmsbench fit} writes): the
 * test files with their temperatures, and for every pulse how closely the fitted model follows it. The model
 * does not use it; it is the file's own record of where it came from and how good it is.
 *
 * @param tool          what fitted it
 * @param rcPairs       the RC pairs fitted
 * @param testerOffsetA the current offset found in the low-rate test (reported = true + offset), A
 * @param files         the tests
 * @param pulses        every pulse fitted
 * @param drives        the drives of a dynamic fit, used or only checked, with the final model's residual
 */
public record CellFitRecord(String tool, int rcPairs, double testerOffsetA, List<FileEntry> files,
                            List<PulseEntry> pulses, List<DriveEntry> drives) {
    /** A test file: its name, what it was used for ({@code ocv} or {@code pulses}) and its temperature. */
    public record FileEntry(String file, String test, double temperatureC) {
        public FileEntry {
            if (!test.equals("ocv") && !test.equals("pulses")) {
                throw new IllegalArgumentException("test must be ocv or pulses, got '" + test + "'");
            }
            Checks.finite("temperature_c", temperatureC);
        }
    }

    /** A pulse: its file, temperature, soc point and current, and the fit's residual RMS over it. */
    public record PulseEntry(String file, double temperatureC, double soc, double currentA, double residualRmsV) {
        public PulseEntry {
            Checks.finite("temperature_c", temperatureC);
            Checks.inRange("soc", soc, -0.5, 1.5);
            Checks.finite("current_a", currentA);
            Checks.nonNegative("residual_rms_v", residualRmsV);
        }
    }

    /**
     * A drive of the dynamic fit: its file, whether the fit used it ({@code fit}) or only checks on it
     * ({@code check}), its median temperature and the model's voltage residual RMS above 5 % soc.
     */
    public record DriveEntry(String file, String use, double temperatureC, double residualRmsV) {
        public DriveEntry {
            if (!use.equals("fit") && !use.equals("check")) {
                throw new IllegalArgumentException("use must be fit or check, got '" + use + "'");
            }
            Checks.finite("temperature_c", temperatureC);
            Checks.nonNegative("residual_rms_v", residualRmsV);
        }
    }

    public CellFitRecord {
        files = List.copyOf(files);
        pulses = List.copyOf(pulses);
        drives = List.copyOf(drives);
        Checks.finite("tester_offset_a", testerOffsetA);
    }
}
