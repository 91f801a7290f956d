package org.bmsbench.model;

/**
 * One resistor-capacitor pair of the equivalent circuit: the diffusion and charge-transfer polarisation
 * that builds up under load and relaxes at rest.
 *
 * <p>The fastest pair may carry the charge-transfer overpotential of the Butler-Volmer equation: its voltage then
 * settles at {@code R i + (R_gas T / alpha F) asinh(i / 2 i0)} instead of {@code R i}, so its apparent resistance
 * falls with current, as a cell's does, most of all in the cold (where i0 is small). Without an exchange current
 * the pair is linear.
 *
 * @param resistanceOhm        R(soc, T), Ohm, positive
 * @param tauS                 time constant R*C (soc, T), seconds, positive
 * @param exchangeCurrentA     the charge-transfer exchange current i0(soc, T), A, positive; null for a linear pair
 * @param transferCoefficient  alpha, the charge-transfer coefficient, in (0, 1]
 */
public record RcPair(Table2D resistanceOhm, Table2D tauS, Table2D exchangeCurrentA, double transferCoefficient) {
    /** The symmetric charge transfer most cells are modelled with, and what a cell file without one means. */
    public static final double SYMMETRIC_TRANSFER = 0.5;

    public RcPair {
        resistanceOhm.requirePositive("RC resistance");
        tauS.requirePositive("RC time constant");
        if (exchangeCurrentA != null) {
            exchangeCurrentA.requirePositive("exchange current");
        }
        if (!(transferCoefficient > 0 && transferCoefficient <= 1)) {
            throw new IllegalArgumentException("transfer_coefficient must be in (0, 1], got " + transferCoefficient);
        }
    }

    /** A linear pair. */
    public RcPair(Table2D resistanceOhm, Table2D tauS) {
        this(resistanceOhm, tauS, null, SYMMETRIC_TRANSFER);
    }

    /** A linear pair with the same R and tau at every soc and temperature. */
    public static RcPair constant(double resistanceOhm, double tauS) {
        return new RcPair(Table2D.constant(resistanceOhm), Table2D.constant(tauS));
    }

    public boolean hasChargeTransfer() {
        return exchangeCurrentA != null;
    }

    /** This pair with a charge-transfer overpotential. */
    public RcPair withChargeTransfer(Table2D exchangeCurrentA, double transferCoefficient) {
        return new RcPair(resistanceOhm, tauS, exchangeCurrentA, transferCoefficient);
    }
}
