package org.bmsbench.sim;

/**
 * The high-voltage path from the pack to the vehicle:
 * <pre>
 *   pack + ──[main +]──────────────┬──────────┬───── link + (inverter / charger)
 *          └─[precharge]──/\/\/\───┘  C_link  R_discharge (and a fault's short, when injected)
 *   pack − ──[main −]───────────────┴──────────┴───── link −
 * </pre>
 * Current flows only with main − closed and main + or the precharge relay closed. The link node is solved
 * exactly over a step for a current held constant: the pack is a source {@code E} behind {@code R} (its own
 * resistance, plus the precharge resistor when only that path is closed), so the link voltage relaxes
 * exponentially towards its steady state and the step's average current follows in closed form. That gives
 * the RC precharge curve at any step length and the inrush when closing onto an unprecharged link.
 *
 * <p>The vehicle's load draws its current only through the main path: during precharge the inverter waits.
 */
public final class ContactorCircuit {
    private final ContactorConfig config;
    private final Contactor mainPositive;
    private final Contactor mainNegative;
    private final Contactor precharge;
    private double linkVoltageV;
    private double packCurrentA;
    private double linkShortConductanceS;

    public ContactorCircuit(ContactorConfig config) {
        this.config = config;
        this.mainPositive = new Contactor("main_positive", config.closeTimeS(), config.openTimeS(),
                config.breakCurrentLimitA());
        this.mainNegative = new Contactor("main_negative", config.closeTimeS(), config.openTimeS(),
                config.breakCurrentLimitA());
        this.precharge = new Contactor("precharge", config.closeTimeS(), config.openTimeS(),
                config.prechargeBreakCurrentLimitA());
    }

    /** True when the main path is closed: the vehicle's load (or charger) is on the pack. */
    public boolean isMainPathClosed() {
        return mainNegative.isClosed() && mainPositive.isClosed();
    }

    private boolean isPrechargePathClosed() {
        return mainNegative.isClosed() && precharge.isClosed() && !mainPositive.isClosed();
    }

    /**
     * Solves one step of {@code dtNs}: the pack is {@code sourceV} behind {@code resistanceOhm}; the load wants
     * {@code loadCurrentA} from the link (honoured only on the main path). Returns the step's average pack
     * current (positive = discharge), then moves the contacts for the coils' commands, each with the current
     * of its own branch.
     */
    public double step(long dtNs, double sourceV, double resistanceOhm, double loadCurrentA) {
        double dtS = dtNs * 1e-9;
        double c = config.linkCapacitanceF();
        double gDischarge = 1.0 / config.linkDischargeOhm() + linkShortConductanceS;
        double v0 = linkVoltageV;
        boolean mainPath = isMainPathClosed();
        double current;
        if (mainPath || isPrechargePathClosed()) {
            double r = mainPath ? resistanceOhm : resistanceOhm + config.prechargeResistanceOhm();
            double load = mainPath ? loadCurrentA : 0.0;
            // KCL at the link: (E - V)/R = C dV/dt + V/R_d + I_load
            double vInf = (sourceV - r * load) / (1.0 + r * gDischarge);
            double tauS = c * r / (1.0 + r * gDischarge);
            double decay = Math.exp(-dtS / tauS);
            double vEnd = vInf + (v0 - vInf) * decay;
            double vMean = dtS > 0 ? vInf + (v0 - vInf) * tauS / dtS * (1.0 - decay) : v0;
            current = (sourceV - vMean) / r;
            linkVoltageV = vEnd;
        } else {
            // Isolated link: the capacitor discharges through its resistor; the load is off.
            linkVoltageV = v0 * Math.exp(-dtS * gDischarge / c);
            current = 0.0;
        }
        packCurrentA = current;
        // main + carries the current when closed; the precharge relay only when main + is open
        mainPositive.step(dtNs, mainPath ? current : 0.0);
        mainNegative.step(dtNs, current);
        precharge.step(dtNs, mainPath ? 0.0 : current);
        return current;
    }

    /** A fault across the link of {@code resistanceOhm} (infinite: none). */
    public void setLinkShortOhm(double resistanceOhm) {
        if (!(resistanceOhm > 0)) {
            throw new IllegalArgumentException("a link short needs a resistance above zero, got " + resistanceOhm);
        }
        linkShortConductanceS = 1.0 / resistanceOhm;
    }

    public Contactor mainPositive() {
        return mainPositive;
    }

    public Contactor mainNegative() {
        return mainNegative;
    }

    public Contactor precharge() {
        return precharge;
    }

    /** Voltage across the vehicle's DC link at the end of the last step, V. */
    public double linkVoltageV() {
        return linkVoltageV;
    }

    /** Average pack current of the last step, positive on discharge, A. */
    public double packCurrentA() {
        return packCurrentA;
    }

    public ContactorConfig config() {
        return config;
    }
}
