package org.bmsbench.scenario.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bmsbench.config.ConfigException;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.scenario.Scenario;

/**
 * A suite of scenario files, as {@code run} and the JUnit 5 helper take it: found under files and folders in a
 * stable order, cut into a CI shard, read (every file before any runs, every problem said) and run on a number
 * of threads with the results in the files' order.
 */
public final class ScenarioSuite {
    private ScenarioSuite() {
    }

    /** The {@code index}-th (1-based) of {@code count} deterministic slices of a suite: a CI matrix's job. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, got " + index + "/" + count);
            }
        }

        /** {@code K/N}, as the command line writes it. */
        public static Shard parse(String text) {
            String[] parts = text.split("/");
            try {
                if (parts.length == 2) {
                    return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
                }
            } catch (IllegalArgumentException e) {
                // said below, with the text as given
            }
            throw new IllegalArgumentException("--shard must be K/N with 1 <= K <= N, got '" + text + "'");
        }

        /** Every n-th file from the k-th: shards stay balanced and together cover every file exactly once. */
        public List<Path> of(List<Path> files) {
            List<Path> mine = new ArrayList<>();
            for (int i = index - 1; i < files.size(); i += count) {
                mine.add(files.get(i));
            }
            return mine;
        }

        @Override
        public String toString() {
            return index + " of " + count;
        }
    }

    /** The scenario files among {@code paths} (files, or folders searched for .yaml and .yml), in shard or all. */
    public static List<Path> files(List<Path> paths, Shard shard) {
        List<Path> files = ScenarioFiles.discover(paths);
        return shard == null ? files : shard.of(files);
    }

    /**
     * Reads every file before any runs, so that bad input stops a suite at once with every problem named (each
     * with file, line and key), including two scenarios with one name.
     *
     * @throws IllegalArgumentException listing the problems
     */
    public static List<Scenario> load(List<Path> files) {
        List<Scenario> scenarios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Path file : files) {
            try {
                Scenario scenario = ScenarioFiles.read(file);
                String other = names.putIfAbsent(scenario.name(), scenario.source());
                if (other != null) {
                    problems.add(file + ": name '" + scenario.name() + "' is already used by " + other
                            + " (names are unique in a run)");
                }
                scenarios.add(scenario);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " scenario files have problems:\n  " + String.join("\n  ", problems));
        }
        return scenarios;
    }

    /**
     * Runs {@code each} for every scenario on {@code jobs} threads; the results in the scenarios' order. What
     * {@code each} throws ends the suite: it should turn a scenario's own trouble into its result.
     */
    public static <R> List<R> run(List<Scenario> scenarios, int jobs, Function<Scenario, R> each) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more, got " + jobs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, scenarios.size())), r -> {
            Thread t = new Thread(r, "scenario-runner");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                futures.add(pool.submit(() -> each.apply(scenario)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
