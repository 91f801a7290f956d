package org.bmsbench.firmware.contactor;

import org.bmsbench.firmware.Key;
import org.bmsbench.model.Checks;

/**
 * How the BMS closes and opens the contactors (foxBMS defaults, docs/domain.md).
 *
 * @param feedbackTimeoutNs       a contactor's feedback must follow its command within this, ns
 * @param weldCheckNs             how long each weld check before precharge watches the link voltage, ns
 * @param weldRiseFraction        a link that rises by this fraction of its gap to the pack voltage during a weld
 *                                check reveals a welded contactor
 * @param prechargeTimeoutNs      one precharge attempt may take this long, ns
 * @param prechargeAttempts       attempts before lockout
 * @param prechargeRetryPauseNs   pause between attempts, ns
 * @param prechargeMarginV        precharge is done when the link is within this of the pack voltage, V
 * @param prechargeFraction       ... or above this fraction of it
 * @param prechargeMaxCurrentA    ... and the current is below this, A
 * @param breakCurrentA           the contactors are rated to interrupt this current; above it, opening waits, A
 * @param openingTimeoutNs        how long opening waits for the current to fall before opening anyway, ns
 * @param recloseLockoutNs        after contactors open on a fault, no re-close for this long (no relay chatter), ns
 * @param weldedCurrentA          current still flowing with every contactor reported open reveals a weld, A
 */
public record ContactorSequenceConfig(long feedbackTimeoutNs, long weldCheckNs, double weldRiseFraction,
                                      long prechargeTimeoutNs, int prechargeAttempts, long prechargeRetryPauseNs,
                                      double prechargeMarginV, double prechargeFraction, double prechargeMaxCurrentA,
                                      double breakCurrentA, long openingTimeoutNs,
                                      @Key("reclose_lockout_s") long recloseLockoutNs,
                                      double weldedCurrentA) {
    public ContactorSequenceConfig {
        positive("contactors.feedback_timeout_ms", feedbackTimeoutNs);
        positive("contactors.weld_check_ms", weldCheckNs);
        Checks.inRange("contactors.weld_rise_fraction", weldRiseFraction, 0.01, 0.99);
        positive("contactors.precharge_timeout_ms", prechargeTimeoutNs);
        Checks.atLeastOne("contactors.precharge_attempts", prechargeAttempts);
        if (prechargeRetryPauseNs < 0) {
            throw new IllegalArgumentException("contactors.precharge_retry_pause_ms must be zero or more");
        }
        Checks.positive("contactors.precharge_margin_v", prechargeMarginV);
        Checks.inRange("contactors.precharge_fraction", prechargeFraction, 0.5, 1.0);
        Checks.positive("contactors.precharge_max_current_a", prechargeMaxCurrentA);
        Checks.positive("contactors.break_current_a", breakCurrentA);
        positive("contactors.opening_timeout_ms", openingTimeoutNs);
        if (recloseLockoutNs < 0) {
            throw new IllegalArgumentException("contactors.reclose_lockout_s must be zero or more");
        }
        Checks.positive("contactors.welded_current_a", weldedCurrentA);
    }

    private static void positive(String name, long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException(name + " must be above zero");
        }
    }
}
