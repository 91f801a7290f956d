package org.bmsbench.firmware.soc;

import java.util.Locale;
import java.util.Objects;
import org.bmsbench.model.Checks;

/**
 * How the BMS estimates the state of charge.
 *
 * @param estimator          which estimator
 * @param restCurrentA       below this pack current the pack is resting, A
 * @param restTimeS          after resting this long, coulomb counting re-anchors on the OCV, s
 * @param anchorSocSigma     uncertainty of an OCV re-anchoring (and of the first estimate from the rest
 *                           voltage), soc
 * @param currentSigmaA      current measurement noise per cell, one sigma, A
 * @param currentBiasSigmaA  an unknown current offset per cell the coulomb count accumulates (the EKF's soc
 *                           process noise includes its drift), A
 * @param voltageSigmaV      EKF measurement noise: sensor noise plus model error, one sigma, V
 * @param rcSigmaV           EKF process noise on each RC voltage per step, V
 * @param hysteresisSigma    EKF process noise on the hysteresis state per step
 * @param resistanceScaleSigma EKF process noise of the resistance scale, per square root of a second (0: the
 *                           cell file's resistances are taken as they are)
 * @param innovationGateSigma EKF: a reading further than this many standard deviations from the prediction is
 *                           not used (0: every reading is)
 * @param noiseAdaptationS   EKF: the time over which the measurement noise adapts to the innovations, s (0: it
 *                           stays at {@code voltageSigmaV})
 */
public record SocConfig(Estimator estimator, double restCurrentA, double restTimeS, double anchorSocSigma,
                        double currentSigmaA, double currentBiasSigmaA, double voltageSigmaV, double rcSigmaV,
                        double hysteresisSigma, double resistanceScaleSigma, double innovationGateSigma,
                        double noiseAdaptationS) {
    /** The estimators to choose from. */
    public enum Estimator {
        EKF, SPKF, COULOMB, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SocConfig {
        Objects.requireNonNull(estimator, "soc.estimator");
        Checks.nonNegative("soc.rest_current_a", restCurrentA);
        Checks.positive("soc.rest_time_s", restTimeS);
        Checks.positive("soc.anchor_soc_sigma", anchorSocSigma);
        Checks.nonNegative("soc.current_sigma_a", currentSigmaA);
        Checks.nonNegative("soc.current_bias_sigma_a", currentBiasSigmaA);
        Checks.positive("soc.voltage_sigma_v", voltageSigmaV);
        Checks.nonNegative("soc.rc_sigma_v", rcSigmaV);
        Checks.nonNegative("soc.hysteresis_sigma", hysteresisSigma);
        Checks.nonNegative("soc.resistance_scale_sigma", resistanceScaleSigma);
        Checks.nonNegative("soc.innovation_gate_sigma", innovationGateSigma);
        Checks.nonNegative("soc.noise_adaptation_s", noiseAdaptationS);
    }

    /** The same settings with another estimator. */
    public SocConfig with(Estimator other) {
        return new SocConfig(other, restCurrentA, restTimeS, anchorSocSigma, currentSigmaA, currentBiasSigmaA,
                voltageSigmaV, rcSigmaV, hysteresisSigma, resistanceScaleSigma, innovationGateSigma, noiseAdaptationS);
    }
}
