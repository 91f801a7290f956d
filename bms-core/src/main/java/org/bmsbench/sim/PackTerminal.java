package org.bmsbench.sim;

/**
 * What a load or charger connected to the pack can know about it for the coming step: the pack's Thevenin
 * equivalent as a whole and per series group (a charger holding the highest cell at its limit needs the
 * groups). Valid after the pack has prepared the step.
 */
public interface PackTerminal {
    /** Open-circuit voltage of the string for the step, V. */
    double sourceVoltageV();

    /** Internal resistance of the string for the step, Ohm. */
    double resistanceOhm();

    int seriesCount();

    /** Open-circuit voltage of series group {@code g}, V. */
    double groupSourceV(int g);

    /** Internal resistance of series group {@code g}, Ohm. */
    double groupResistanceOhm(int g);

    /**
     * The current that draws {@code powerW} from the terminals (negative power: charging), solving
     * {@code P = I (E - R I)}. When the pack cannot deliver that much, the current of its maximum power,
     * {@code E / 2R}.
     */
    default double currentForPowerA(double powerW) {
        double e = sourceVoltageV();
        double r = resistanceOhm();
        double discriminant = e * e - 4.0 * r * powerW;
        if (discriminant <= 0) {
            return e / (2.0 * r);
        }
        // The root near P/E, written to avoid cancellation: I = 2P / (E + sqrt(E^2 - 4RP)).
        return 2.0 * powerW / (e + Math.sqrt(discriminant));
    }
}
