package org.bmsbench.sim;

import java.util.Objects;
import org.bmsbench.model.Checks;

/**
 * Everything that defines a simulated battery system: the pack, its thermal surroundings, its sensors, its
 * contactors, where it starts and the seed that makes it reproducible.
 *
 * @param pack                   cells and topology
 * @param thermal                thermal surroundings
 * @param afe                    sensors
 * @param contactors             HV switching and DC link
 * @param initialTemperatureC    every cell's temperature at the start, degC
 * @param isolationResistanceOhm HV-to-chassis isolation of the healthy system, Ohm
 * @param seed                   cell spread, sensor calibration and noise; the same seed gives the same run
 */
public record PlantConfig(PackConfig pack, ThermalConfig thermal, AfeConfig afe, ContactorConfig contactors,
                          double initialTemperatureC, double isolationResistanceOhm, long seed) {
    /** A healthy HV system: well above the 500 kOhm error and 750 kOhm warning levels of docs/domain.md. */
    public static final double HEALTHY_ISOLATION_OHM = 5.0e6;

    public PlantConfig {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(thermal, "thermal");
        Objects.requireNonNull(afe, "afe");
        Objects.requireNonNull(contactors, "contactors");
        Checks.inRange("initial temperature", initialTemperatureC, -60, 100);
        Checks.positive("isolation resistance", isolationResistanceOhm);
    }

    /** A pack in still air at {@code temperatureC}, default sensors and contactors. */
    public static PlantConfig of(PackConfig pack, double temperatureC, long seed) {
        return new PlantConfig(pack, ThermalConfig.air(temperatureC), AfeConfig.DEFAULT, ContactorConfig.DEFAULT,
                temperatureC, HEALTHY_ISOLATION_OHM, seed);
    }

    public PlantConfig withAfe(AfeConfig value) {
        return new PlantConfig(pack, thermal, value, contactors, initialTemperatureC, isolationResistanceOhm, seed);
    }

    public PlantConfig withThermal(ThermalConfig value) {
        return new PlantConfig(pack, value, afe, contactors, initialTemperatureC, isolationResistanceOhm, seed);
    }

    public PlantConfig withContactors(ContactorConfig value) {
        return new PlantConfig(pack, thermal, afe, value, initialTemperatureC, isolationResistanceOhm, seed);
    }
}
