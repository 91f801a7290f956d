package org.bmsbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.bmsbench.report.TimeFormat;
import org.bmsbench.scenario.ScenarioResult;
import org.bmsbench.scenario.ScenarioRunner;

/**
 * Shows how a run is going: on a terminal, once it has taken more than a couple of seconds, one line redrawn in
 * place (a bar for the whole run, the scenarios done, those running and how far, and once it has run a while the
 * time left at the pace so far); elsewhere (CI logs), a plain line per finished scenario, and the same line once
 * a minute while a long run goes on.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_AFTER_MS = 2000;
    private static final long REDRAW_MS = 250;
    private static final int BAR_WIDTH = 20;
    private static final int MAX_LINE = 150;
    /** The time left is estimated once the run has gone this long (before, the pace is the JIT's). */
    private static final long ESTIMATE_AFTER_MS = 5000;
    /** How often a log (not a terminal) hears how a long run goes. */
    private static final long LOG_EVERY_MS = 60_000;

    private final PrintWriter out;
    private final int total;
    private final boolean quiet;
    private final boolean terminal;
    private final LongSupplier clockMs;
    private final long startMs;
    private final AtomicInteger done = new AtomicInteger();
    private final Map<String, Double> running = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService painter;
    private volatile int drawnWidth;

    /** @param terminal whether {@code out} is a terminal that can redraw a line ({@code System.console() != null}) */
    Progress(PrintWriter out, int total, boolean quiet, boolean terminal) {
        this(out, total, quiet, terminal, System::currentTimeMillis);
    }

    /** With the clock injected, ms. */
    Progress(PrintWriter out, int total, boolean quiet, boolean terminal, LongSupplier clockMs) {
        this.out = out;
        this.total = total;
        this.quiet = quiet;
        this.terminal = terminal && !quiet;
        this.clockMs = clockMs;
        this.startMs = clockMs.getAsLong();
        if (quiet) {
            painter = null;
            return;
        }
        painter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        if (this.terminal) {
            painter.scheduleAtFixedRate(this::draw, SHOW_AFTER_MS, REDRAW_MS, TimeUnit.MILLISECONDS);
        } else {
            painter.scheduleAtFixedRate(this::log, LOG_EVERY_MS, LOG_EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    void started(String name) {
        running.put(name, Double.NaN);
    }

    /** The runner's progress callback for one scenario. */
    ScenarioRunner.Progress of(String name) {
        return (simulatedS, fraction) -> running.put(name, Double.isNaN(fraction) ? -simulatedS : fraction);
    }

    void finished(String name, ScenarioResult result) {
        running.remove(name);
        int n = done.incrementAndGet();
        if (!terminal && !quiet) {
            synchronized (out) {
                out.printf(Locale.ROOT, "[%d/%d] %-4s %s: %s in %.2f s%n", n, total, result.passed() ? "pass" : "FAIL",
                        name, TimeFormat.duration(result.simulatedS()), result.wallS());
                out.flush();
            }
        }
    }

    /** A line about a run (its MQTT summary), unless quiet. */
    void note(String line) {
        if (!quiet) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }

    void failed(String name, String error) {
        running.remove(name);
        int n = done.incrementAndGet();
        if (!terminal && !quiet) {
            synchronized (out) {
                out.printf(Locale.ROOT, "[%d/%d] ERROR %s: %s%n", n, total, name, error);
                out.flush();
            }
        }
    }

    /** The progress line: the bar counts finished scenarios and the known fractions of running ones. */
    String line() {
        double fractionDone = done.get();
        StringBuilder running = new StringBuilder();
        for (Map.Entry<String, Double> entry : this.running.entrySet()) {
            double v = entry.getValue();
            running.append(' ').append(entry.getKey());
            if (!Double.isNaN(v)) {
                fractionDone += Math.max(0, v);
                running.append(v >= 0 ? String.format(Locale.ROOT, " %.0f%%", 100 * v)
                        : String.format(Locale.ROOT, " %s", TimeFormat.duration(-v)));
            }
        }
        double fraction = total == 0 ? 1 : fractionDone / total;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        long elapsedMs = clockMs.getAsLong() - startMs;
        // the pace so far, carried over what is left: scenarios whose end is not known count as not started
        String left = elapsedMs >= ESTIMATE_AFTER_MS && fraction > 0 && fraction < 1
                ? ", about " + TimeFormat.duration(elapsedMs / 1000.0 * (1 - fraction) / fraction) + " left" : "";
        String text = String.format(Locale.ROOT, "[%s%s] %3.0f%%  %d/%d done, %s%s%s", "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled), 100 * fraction, done.get(), total,
                TimeFormat.duration(elapsedMs / 1000.0), left,
                running);
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE - 3) + "..." : text;
    }

    private void log() {
        if (!running.isEmpty()) {
            synchronized (out) {
                out.println(line());
                out.flush();
            }
        }
    }

    private void draw() {
        String text = line();
        synchronized (out) {
            out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
            out.flush();
        }
        drawnWidth = text.length();
    }

    @Override
    public void close() {
        if (painter != null) {
            painter.shutdownNow();
            if (terminal && drawnWidth > 0) {
                synchronized (out) {
                    out.print("\r" + " ".repeat(drawnWidth) + "\r");
                    out.flush();
                }
            }
        }
    }
}
