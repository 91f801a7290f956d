package org.bmsbench.report;

import java.util.Locale;

/**
 * How the bench writes times and durations, in every place that shows one (the console table and progress,
 * index.html, the reports, the run's CSV files), so that one run reads the same everywhere.
 */
public final class TimeFormat {
    private TimeFormat() {
    }

    /** A time in a file: seconds with fixed millisecond precision ({@code 73762.200}), whatever its size. */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /**
     * A duration for people, rounded once to what it shows: {@code 42.5 s} below a minute, {@code 40 min 00 s}
     * below an hour, {@code 1 h 37 min} from then on.
     */
    public static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "unknown";
        }
        if (Math.round(Math.abs(s) * 10) < 600) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long wholeS = Math.round(s);
        if (wholeS < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", wholeS / 60, wholeS % 60);
        }
        long minutes = Math.round(s / 60);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    /** A count and its noun, plural unless one: {@code 1 scenario}, {@code 2 scenarios}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
