package org.bmsbench.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The AFE boards' own temperatures: each board relaxes towards the air temperature plus its share of the bleed
 * resistors' heat times its thermal resistance, and its sensor reports that with noise, resolution and range.
 */
final class AfeBoards {
    private final AfeConfig config;
    private final Pack pack;
    private final PackThermal thermal;
    private final SplittableRandom noise;
    private final int boards;
    private final int channels;
    private final double heatShare;
    private final double stepInverse;
    private final double[] temperatureC;
    private double settledAtC;

    /** {@code heatShare}: the share of the bleed heat that stays on the boards (the rest goes into the cells). */
    AfeBoards(AfeConfig config, Pack pack, PackThermal thermal, double heatShare, SplittableRandom noise) {
        this.config = config;
        this.pack = pack;
        this.thermal = thermal;
        this.noise = noise;
        this.channels = pack.seriesCount();
        this.boards = config.boardCount(channels);
        this.heatShare = heatShare;
        this.stepInverse = 1.0 / config.temperatureResolutionC();
        temperatureC = new double[boards];
        Arrays.fill(temperatureC, thermal.ambientC());
        settledAtC = thermal.ambientC();
    }

    int count() {
        return boards;
    }

    /** {@code dtS} later (nothing to do while nothing bleeds and the boards have settled at the air's temperature). */
    void update(double dtS, boolean anyBleeding) {
        double ambient = thermal.ambientC();
        if (!anyBleeding && settledAtC == ambient) {
            return;
        }
        boolean settled = !anyBleeding;
        double decay = Math.exp(-dtS / config.boardThermalTauS());
        int per = config.channelsPerBoard();
        for (int b = 0; b < boards; b++) {
            double heatW = 0;
            for (int g = b * per, end = Math.min(channels, g + per); g < end; g++) {
                heatW += pack.groupBleedPowerW(g);
            }
            double target = ambient + config.boardThermalResistanceKPerW() * heatW * heatShare;
            temperatureC[b] = target + (temperatureC[b] - target) * decay;
            settled &= Math.abs(temperatureC[b] - ambient) < 1e-9;
        }
        settledAtC = settled ? ambient : Double.NaN;
    }

    /** Board {@code b}'s sensor reading now, degC. */
    double convert(int b) {
        return TemperatureSensors.clampToRange(config,
                temperatureC[b] + config.temperatureNoiseSigmaC() * noise.nextGaussian(), stepInverse);
    }

    /** Board {@code b}'s true temperature, degC. */
    double temperatureC(int b) {
        return temperatureC[b];
    }
}
