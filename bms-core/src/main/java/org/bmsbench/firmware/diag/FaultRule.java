package org.bmsbench.firmware.diag;

import java.util.Objects;

/**
 * The diagnosis of one fault: its three tiers and whether it latches (stays raised until a service reset,
 * like a deep discharge that may have damaged a cell).
 */
public record FaultRule(FaultId id, TierRule info, TierRule warning, TierRule fatal, boolean latching) {
    public FaultRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(fatal, "fatal");
    }

    public TierRule tier(FaultLevel level) {
        switch (level) {
            case INFO: return info;
            case WARNING: return warning;
            default: return fatal;
        }
    }
}
