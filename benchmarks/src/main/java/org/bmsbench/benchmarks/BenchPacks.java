package org.bmsbench.benchmarks;

import org.bmsbench.config.CellFiles;
import org.bmsbench.sim.CellVariation;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;

/** The pack the benchmarks measure: Ns1p of the bundled Panasonic preset with a manufacturing spread, at 25 degC. */
final class BenchPacks {
    private BenchPacks() {
    }

    static PackPlant panasonic(int cells, double soc) {
        PackConfig pack = PackConfig.of(CellFiles.preset("panasonic-18650pf"), cells, 1, soc)
                .withVariation(new CellVariation(0.02, 0.05, 0.01, 0.1));
        return new PackPlant(PlantConfig.of(pack, 25.0, 1));
    }
}
