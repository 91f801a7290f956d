package org.bmsbench.mqtt;

import org.bmsbench.firmware.BmsFirmware;

/**
 * Where a bench's thread offers telemetry: a snapshot into the ring when status is due, with the cells when they
 * are due too, by the caller's clock. Allocates nothing.
 */
final class TelemetryTap {
    private final TelemetryRing ring;
    private final long statusPeriodNs;
    private final long cellsPeriodNs;
    private long nextStatusNs = Long.MIN_VALUE;
    private long nextCellsNs = Long.MIN_VALUE;

    TelemetryTap(TelemetryRing ring, MqttSettings settings) {
        this.ring = ring;
        this.statusPeriodNs = settings.statusPeriodMs() * 1_000_000L;
        this.cellsPeriodNs = settings.cellsPeriodMs() * 1_000_000L;
    }

    /** Offers a snapshot of {@code firmware} at {@code timeS} if one is due at {@code nowNs}. */
    void offer(BmsFirmware firmware, double timeS, long nowNs) {
        if (nowNs < nextStatusNs) {
            return;
        }
        boolean cells = nowNs >= nextCellsNs;
        ring.claim().fill(firmware, timeS, cells);
        ring.publish();
        nextStatusNs = nowNs + statusPeriodNs;
        if (cells) {
            nextCellsNs = nowNs + cellsPeriodNs;
        }
    }

    /** A last snapshot, with the cells, whatever is due (at the end of a run). */
    void last(BmsFirmware firmware, double timeS) {
        ring.claim().fill(firmware, timeS, true);
        ring.publish();
    }
}
