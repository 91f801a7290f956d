package org.bmsbench.sim.load;

import org.bmsbench.model.Checks;

/**
 * A longitudinal vehicle model: the power the battery must give (or may take back) to follow a speed trace on
 * a level road.
 *
 * <pre>
 *   F = m_eff a + m g C_rr + 0.5 rho C_d A v^2        (rolling resistance only while moving)
 *   P_wheel = F v
 *   P_battery = P_wheel / eta + P_aux                           when driving (P_wheel >= 0)
 *   P_battery = max(P_wheel eta, -P_regen_max) + P_aux          when braking: the rest goes to the friction brakes
 * </pre>
 *
 * @param massKg                 test mass, kg
 * @param rotatingMassFactor     equivalent-mass factor for wheels and drivetrain inertia (m_eff = factor m), >= 1
 * @param dragAreaM2             drag coefficient times frontal area C_d A, m^2
 * @param rollingResistance      rolling resistance coefficient C_rr
 * @param drivetrainEfficiency   battery to wheel (and wheel to battery), (0, 1]
 * @param maxRegenPowerW         most power the battery takes back when braking, W (0: no regeneration)
 * @param auxiliaryPowerW        constant load of the vehicle's auxiliaries (HVAC, 12 V system), W
 * @param airDensityKgPerM3      air density, kg/m^3
 */
public record VehicleParameters(double massKg, double rotatingMassFactor, double dragAreaM2,
                                double rollingResistance, double drivetrainEfficiency, double maxRegenPowerW,
                                double auxiliaryPowerW, double airDensityKgPerM3) {
    /** Standard gravity, m/s^2. */
    public static final double GRAVITY_MPS2 = 9.80665;

    /**
     * A mid-size battery-electric car: 1800 kg, C_d A 0.6 m^2 (C_d 0.26 on 2.3 m^2), C_rr 0.009, 90 % drivetrain,
     * 60 kW regeneration, 300 W auxiliaries, sea-level air at 20 degC. Representative figures, not a particular
     * model.
     */
    public static final VehicleParameters MIDSIZE_EV = new VehicleParameters(1800, 1.04, 0.6, 0.009, 0.90, 60_000,
            300, 1.204);

    public VehicleParameters {
        Checks.positive("mass_kg", massKg);
        Checks.inRange("rotating_mass_factor", rotatingMassFactor, 1.0, 2.0);
        Checks.nonNegative("drag_area_m2", dragAreaM2);
        Checks.inRange("rolling_resistance", rollingResistance, 0, 0.1);
        if (!(drivetrainEfficiency > 0 && drivetrainEfficiency <= 1)) {
            throw new IllegalArgumentException("drivetrain_efficiency must be in (0, 1], got " + drivetrainEfficiency);
        }
        Checks.nonNegative("max_regen_power_w", maxRegenPowerW);
        Checks.nonNegative("auxiliary_power_w", auxiliaryPowerW);
        Checks.positive("air_density_kg_per_m3", airDensityKgPerM3);
    }

    /** Power at the wheels to hold {@code accelerationMps2} at {@code speedMps}, W (negative when braking). */
    public double wheelPowerW(double speedMps, double accelerationMps2) {
        double rolling = speedMps > 0 ? massKg * GRAVITY_MPS2 * rollingResistance : 0.0;
        double aero = 0.5 * airDensityKgPerM3 * dragAreaM2 * speedMps * speedMps;
        return (rotatingMassFactor * massKg * accelerationMps2 + rolling + aero) * speedMps;
    }

    /** Power the battery gives, W (negative when it is recharged by braking). */
    public double batteryPowerW(double speedMps, double accelerationMps2) {
        double wheel = wheelPowerW(speedMps, accelerationMps2);
        double traction = wheel >= 0 ? wheel / drivetrainEfficiency
                : Math.max(wheel * drivetrainEfficiency, -maxRegenPowerW);
        return traction + auxiliaryPowerW;
    }
}
