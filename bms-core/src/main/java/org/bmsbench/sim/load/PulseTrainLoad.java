package org.bmsbench.sim.load;

import java.util.List;
import org.bmsbench.model.Checks;
import org.bmsbench.sim.PackTerminal;

/** A sequence of current steps, repeated: HPPC tests, pulse trains, any piecewise-constant profile. */
public final class PulseTrainLoad extends TimedLoad {
    /** One step of the train: {@code currentA} (negative charges) held for {@code durationS}. */
    public record Pulse(double currentA, double durationS) {
        public Pulse {
            Checks.finite("current_a", currentA);
            Checks.positive("duration_s", durationS);
        }
    }

    private final double[] endS;
    private final double[] currentA;
    private final double periodS;
    private final int repetitions;

    public PulseTrainLoad(List<Pulse> pulses, int repetitions) {
        super(period(pulses) * Checks.atLeastOne("repetitions", repetitions));
        this.repetitions = repetitions;
        this.endS = new double[pulses.size()];
        this.currentA = new double[pulses.size()];
        double t = 0;
        for (int i = 0; i < pulses.size(); i++) {
            t += pulses.get(i).durationS();
            endS[i] = t;
            currentA[i] = pulses.get(i).currentA();
        }
        this.periodS = t;
    }

    private static double period(List<Pulse> pulses) {
        if (pulses.isEmpty()) {
            throw new IllegalArgumentException("a pulse train needs at least one pulse");
        }
        return pulses.stream().mapToDouble(Pulse::durationS).sum();
    }

    /**
     * One hybrid pulse power characterisation cycle (USABC/INL HPPC): a discharge pulse, a rest, a charge
     * (regeneration) pulse and a rest.
     */
    public static PulseTrainLoad hppc(double dischargeA, double chargeA, double pulseS, double restS) {
        return new PulseTrainLoad(List.of(new Pulse(dischargeA, pulseS), new Pulse(0, restS),
                new Pulse(-Math.abs(chargeA), pulseS), new Pulse(0, restS)), 1);
    }

    @Override
    public double demandA(double timeS, double dtS, PackTerminal pack) {
        double inPeriod = (elapsedS(timeS) + 0.5 * dtS) % periodS;
        for (int i = 0; i < endS.length; i++) {
            if (inPeriod < endS[i]) {
                return currentA[i];
            }
        }
        return currentA[currentA.length - 1];
    }

    @Override
    public String describe() {
        return "pulse train of " + endS.length + " steps x " + repetitions;
    }
}
