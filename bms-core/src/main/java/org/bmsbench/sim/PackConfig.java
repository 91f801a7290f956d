package org.bmsbench.sim;

import java.util.Objects;
import org.bmsbench.model.CellParameters;
import org.bmsbench.model.Checks;

/**
 * A pack: {@code series} groups of {@code parallel} identical-type cells (NsMp), their spread and their
 * state at the start.
 *
 * @param cell                   the cell type
 * @param series                 groups in series, 1 or more
 * @param parallel               cells in parallel per group, 1 or more
 * @param variation              cell-to-cell spread
 * @param initialSoc             mean state of charge at the start, 0..1
 * @param balancingResistanceOhm the passive-balancing bleed resistor per series group, Ohm
 */
public record PackConfig(CellParameters cell, int series, int parallel, CellVariation variation,
                         double initialSoc, double balancingResistanceOhm) {
    /** The bleed resistor of a typical passive-balancing AFE board (about 100-130 mA at 3.6-4.2 V). */
    public static final double DEFAULT_BALANCING_RESISTANCE_OHM = 33.0;

    /** Larger packs than this are a configuration mistake, not a battery. */
    public static final int MAX_CELLS = 1 << 16;

    public PackConfig {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(variation, "variation");
        Checks.atLeastOne("series", series);
        Checks.atLeastOne("parallel", parallel);
        if ((long) series * parallel > MAX_CELLS) {
            throw new IllegalArgumentException("a pack of " + series + "s" + parallel + "p has more than "
                    + MAX_CELLS + " cells");
        }
        Checks.inRange("initial soc", initialSoc, 0, 1);
        Checks.positive("balancing resistance", balancingResistanceOhm);
    }

    /** A pack of identical cells at {@code initialSoc} with the default balancing resistor. */
    public static PackConfig of(CellParameters cell, int series, int parallel, double initialSoc) {
        return new PackConfig(cell, series, parallel, CellVariation.NONE, initialSoc,
                DEFAULT_BALANCING_RESISTANCE_OHM);
    }

    public int cellCount() {
        return series * parallel;
    }

    /** Energy between empty and full at 25 degC: cells x capacity x the OCV averaged over soc, Wh. */
    public double nominalEnergyWh() {
        double meanOcvV = 0;
        int points = 100;
        for (int i = 0; i < points; i++) {
            meanOcvV += cell.ocvV().valueAt((i + 0.5) / points, 25.0) / points;
        }
        return cellCount() * cell.nominalCapacityAh() * meanOcvV;
    }

    public PackConfig withVariation(CellVariation value) {
        return new PackConfig(cell, series, parallel, value, initialSoc, balancingResistanceOhm);
    }
}
