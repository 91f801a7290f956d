package org.bmsbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's output folder ({@code run --out}), held by one run at a time. Opening it proves it writable before
 * anything is simulated and takes its lock, a file naming the process that holds it (a lock left by a process
 * that is gone, after a {@code kill -9}, is taken over). The run's manifest, {@code run.json}, names the
 * scenarios of the last run, so that {@code report} rebuilds exactly those and not the leftovers of an older
 * run. Every file is replaced atomically ({@link #replace}): a full disk or a killed process leaves the old file
 * or none, never a cut one.
 */
public final class RunFolder implements AutoCloseable {
    /** The lock's file name. */
    public static final String LOCK = ".bmsbench-run.lock";
    /** The manifest's file name. */
    public static final String MANIFEST = "run.json";
    /** What a scenario's folder may hold from an earlier run; cleared before the scenario runs again. */
    private static final List<String> SCENARIO_FILES = List.of("summary.json", "events.csv", "series.csv",
            "trace.csv", "report.html", RunFiles.TRACE_IN_PROGRESS);
    private static final ObjectMapper JSON = JsonOut.mapper();

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path dir;
    private final Path lock;

    private RunFolder(Path dir) {
        this.dir = dir;
        this.lock = dir.resolve(LOCK);
    }

    /**
     * Creates {@code dir} if needed and takes its lock; refused (IllegalArgumentException, with what to do) when the
     * folder cannot be written or another live run holds it.
     */
    public static RunFolder open(Path dir) {
        requireFolderOrAbsent(dir);
        RunFolder folder = new RunFolder(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + dir + ": " + reason(e));
        }
        String me = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(folder.lock, me, StandardCharsets.US_ASCII,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return folder;
            } catch (FileAlreadyExistsException taken) {
                Optional<Long> holder = holder(folder.lock);
                if (holder.isPresent() && ProcessHandle.of(holder.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalArgumentException("the output folder " + dir + " is in use by another bmsbench"
                            + " run (process " + holder.get() + "); give another --out, or wait for it to end");
                }
                try { // the run that held it is gone: its lock is stale
                    Files.deleteIfExists(folder.lock);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot take over the stale lock " + folder.lock + ": "
                            + reason(e));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write in the output folder " + dir + ": " + reason(e));
            }
        }
        throw new IllegalArgumentException("cannot take the lock " + folder.lock + ": another run took it first");
    }

    /** Refuses a path that exists as something other than a folder (checked before the scenarios are read). */
    public static void requireFolderOrAbsent(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file; it must be a folder (or not exist yet)");
        }
    }

    private static Optional<Long> holder(Path lock) {
        try {
            return Optional.of(Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable or half-written: no live holder can be named
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage();
    }

    public Path dir() {
        return dir;
    }

    /** The folder of a scenario's files, emptied of what an earlier run left in it. */
    public Path scenarioFolder(String scenario) throws IOException {
        Path folder = RunFiles.folder(dir, scenario);
        for (String name : SCENARIO_FILES) {
            Files.deleteIfExists(folder.resolve(name));
        }
        return folder;
    }

    /** Records the scenarios of this run, by folder name, in their order. */
    public void writeManifest(String suite, List<String> scenarios) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "bmsbench-run/1");
        manifest.put("suite", suite);
        manifest.put("scenarios", scenarios);
        replace(dir.resolve(MANIFEST), out -> JSON.writeValue(out, manifest));
    }

    /** The scenario folders a run's manifest names, or empty when the folder has no manifest (an older run). */
    public static Optional<List<Path>> manifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode scenarios = JSON.readTree(file.toFile()).path("scenarios");
            List<Path> folders = new ArrayList<>();
            for (JsonNode name : scenarios) {
                folders.add(RunFiles.folder(dir, name.asText()));
            }
            return Optional.of(folders);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code target} through a temporary file beside it and moves that into place in one step: readers
     * see the old file or the new one, and a write that fails (a full disk) leaves the old file as it was.
     */
    public static void replace(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            // the next run finds a lock whose process is gone, and takes it over
        }
    }
}
