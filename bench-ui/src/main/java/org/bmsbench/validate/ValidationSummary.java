package org.bmsbench.validate;

import java.util.List;

/**
 * The figures of several validation runs together: RMS errors pooled over every compared sample of every file (a
 * long file weighs more), the worst file's for the soc's RMS, its largest error and its 3-sigma coverage, and the
 * slowest convergence from the wrong start.
 */
public record ValidationSummary(int files, long samples, double voltageRmseV, double voltageRmseAboveLowSocV,
                                double socRmseAfterSettle, double worstSocRmseAfterSettle,
                                double worstSocMaxAbsErrorAfterSettle, double socCoverage, double worstSocCoverage,
                                double slowestConvergenceS) {

    public static ValidationSummary of(List<Validation.Result> results) {
        long samples = 0;
        double voltage = 0;
        double voltageAbove = 0;
        long above = 0;
        double soc = 0;
        long settled = 0;
        double covered = 0;
        double worstRms = Double.NaN;
        double worstMax = Double.NaN;
        double worstCoverage = Double.NaN;
        double slowest = Double.NaN;
        boolean neverConverged = false;
        for (Validation.Result r : results) {
            samples += r.samples();
            voltage += square(r.voltageRmseV()) * r.samples();
            voltageAbove += square(r.voltageRmseAboveLowSocV()) * r.samplesAboveLowSoc();
            above += r.samplesAboveLowSoc();
            soc += square(r.socRmseAfterSettle()) * r.samplesAfterSettle();
            settled += r.samplesAfterSettle();
            covered += r.socCoverage() * r.samples();
            worstRms = worst(worstRms, r.socRmseAfterSettle());
            worstMax = worst(worstMax, r.socMaxAbsErrorAfterSettle());
            worstCoverage = Double.isNaN(worstCoverage) ? r.socCoverage() : Math.min(worstCoverage, r.socCoverage());
            neverConverged |= Double.isNaN(r.convergedAfterS());
            slowest = worst(slowest, r.convergedAfterS());
        }
        return new ValidationSummary(results.size(), samples, pooled(voltage, samples), pooled(voltageAbove, above),
                pooled(soc, settled), worstRms, worstMax, samples == 0 ? Double.NaN : covered / samples, worstCoverage,
                neverConverged ? Double.NaN : slowest);
    }

    private static double square(double rms) {
        return Double.isNaN(rms) ? 0.0 : rms * rms;
    }

    private static double pooled(double sumOfSquares, long count) {
        return count == 0 ? Double.NaN : Math.sqrt(sumOfSquares / count);
    }

    private static double worst(double sofar, double value) {
        if (Double.isNaN(value)) {
            return sofar;
        }
        return Double.isNaN(sofar) ? value : Math.max(sofar, value);
    }
}
