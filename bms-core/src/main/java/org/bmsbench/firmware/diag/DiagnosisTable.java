package org.bmsbench.firmware.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bmsbench.firmware.InvalidConfigurationException;

/**
 * The whole diagnosis configuration: one rule for every fault id, checked as a whole before the firmware may
 * start. Every violation is reported, each with a message naming the fault, tier and what is wrong.
 */
public final class DiagnosisTable {
    private final FaultRule[] rules = new FaultRule[FaultId.COUNT];

    /**
     * @throws InvalidConfigurationException listing every violation
     */
    public DiagnosisTable(Map<FaultId, FaultRule> rulesById) {
        List<String> problems = new ArrayList<>();
        for (FaultId id : FaultId.values()) {
            FaultRule rule = rulesById.get(id);
            if (rule == null) {
                problems.add(id + ": no rule; every fault needs one (disable its tiers to switch it off)");
                continue;
            }
            if (rule.id() != id) {
                problems.add(id + ": the rule given is for " + rule.id());
                continue;
            }
            rules[id.ordinal()] = rule;
            check(rule, problems);
        }
        checkAcross(problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    private static void check(FaultRule rule, List<String> problems) {
        FaultId id = rule.id();
        TierRule previous = null;
        FaultLevel previousLevel = null;
        for (FaultLevel level : FaultLevel.values()) {
            TierRule tier = rule.tier(level);
            if (!tier.enabled()) {
                continue;
            }
            String where = id + "." + level.id();
            if (id.kind() == FaultId.Kind.CONDITION) {
                if (!Double.isNaN(tier.threshold()) || !Double.isNaN(tier.reset())) {
                    problems.add(where + ": a condition fault takes no threshold or reset");
                }
                continue;
            }
            if (!Double.isFinite(tier.threshold()) || !Double.isFinite(tier.reset())) {
                problems.add(where + ": needs a finite threshold and reset, got " + tier.threshold() + " and "
                        + tier.reset());
                continue;
            }
            boolean above = id.kind() == FaultId.Kind.ABOVE;
            if (above ? !(tier.reset() < tier.threshold()) : !(tier.reset() > tier.threshold())) {
                problems.add(where + ": reset " + tier.reset() + " must be on the safe side of threshold "
                        + tier.threshold() + " (" + (above ? "below" : "above") + " it)");
            }
            if (previous != null && (above ? !(tier.threshold() > previous.threshold())
                    : !(tier.threshold() < previous.threshold()))) {
                problems.add(where + ": threshold " + tier.threshold() + " must be " + (above ? "above" : "below")
                        + " the " + previousLevel.id() + " threshold " + previous.threshold()
                        + " (tiers must grow more severe)");
            }
            previous = tier;
            previousLevel = level;
        }
        if (rule.latching() && !rule.info().enabled() && !rule.warning().enabled() && !rule.fatal().enabled()) {
            problems.add(id + ": latching, but no tier is enabled");
        }
    }

    /** Rules that tie faults together (foxBMS rejects such a configuration at build time). */
    private void checkAcross(List<String> problems) {
        FaultRule under = rules[FaultId.CELL_UNDERVOLTAGE.ordinal()];
        FaultRule deep = rules[FaultId.CELL_DEEP_DISCHARGE.ordinal()];
        if (under != null && deep != null && under.fatal().enabled() && deep.fatal().enabled()
                && !(deep.fatal().threshold() < under.fatal().threshold())) {
            problems.add("CELL_DEEP_DISCHARGE.fatal: threshold " + deep.fatal().threshold()
                    + " must be below the CELL_UNDERVOLTAGE fatal threshold " + under.fatal().threshold()
                    + " (the under-voltage trip must come first)");
        }
    }

    public FaultRule rule(FaultId id) {
        return rules[id.ordinal()];
    }

    /** The rules, in fault-id order. */
    public Map<FaultId, FaultRule> rules() {
        Map<FaultId, FaultRule> map = new EnumMap<>(FaultId.class);
        for (FaultRule rule : rules) {
            map.put(rule.id(), rule);
        }
        return Collections.unmodifiableMap(map);
    }
}
