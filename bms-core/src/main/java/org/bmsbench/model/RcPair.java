package org.bmsbench.model;

/**
 * One resistor-capacitor pair of the equivalent circuit: the diffusion and charge-transfer polarisation
 * that builds up under load and relaxes at rest.
 *
 * @param resistanceOhm R(soc, T), Ohm, positive
 * @param tauS          time constant R*C (soc, T), seconds, positive
 */
public record RcPair(Table2D resistanceOhm, Table2D tauS) {
    public RcPair {
        resistanceOhm.requirePositive("RC resistance");
        tauS.requirePositive("RC time constant");
    }

    /** A pair with the same R and tau at every soc and temperature. */
    public static RcPair constant(double resistanceOhm, double tauS) {
        return new RcPair(Table2D.constant(resistanceOhm), Table2D.constant(tauS));
    }
}
