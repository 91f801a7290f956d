package org.bmsbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Cuts a run's scenario files into deterministic shards, so a CI matrix spreads a large suite over runners. */
final class ScenarioSet {
    private ScenarioSet() {
    }

    /**
     * Shard {@code k} of {@code n} (1-based) of {@code files} (in the stable order of
     * {@link org.bmsbench.config.ScenarioFiles#discover}): every n-th file from the k-th, so shards stay balanced
     * and together cover every file exactly once.
     */
    static List<Path> shard(List<Path> files, int k, int n) {
        List<Path> mine = new ArrayList<>();
        for (int i = k - 1; i < files.size(); i += n) {
            mine.add(files.get(i));
        }
        return mine;
    }
}
