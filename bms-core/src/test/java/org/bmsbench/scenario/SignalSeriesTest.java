package org.bmsbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucketed series: every value lands in its bucket's extremes, and a long run halves the buckets. */
class SignalSeriesTest {
    private static final long S = 1_000_000_000L;

    /** Signals whose pack current is {@code currentA} (the rest NaN). */
    private static Signals current(double currentA) {
        Signals signals = new Signals();
        for (Signal s : Signal.values()) {
            signals.set(s, Double.NaN);
        }
        signals.set(Signal.PACK_CURRENT_A, currentA);
        return signals;
    }

    @Test
    void shouldKeepEachBucketsLowestAndHighest() {
        SignalSeries series = new SignalSeries(S);
        series.add(0, current(5));
        series.add(S / 2, current(-3));
        series.add(2 * S, current(7));

        assertThat(series.buckets()).isEqualTo(3);
        assertThat(series.min(Signal.PACK_CURRENT_A, 0)).isEqualTo(-3);
        assertThat(series.max(Signal.PACK_CURRENT_A, 0)).isEqualTo(5);
        assertThat(series.min(Signal.PACK_CURRENT_A, 1)).isNaN(); // nothing fell in it
        assertThat(series.max(Signal.PACK_CURRENT_A, 2)).isEqualTo(7);
        assertThat(series.min(Signal.SOC, 0)).isNaN();
    }

    @Test
    void shouldMergeNeighboursWhenTheRunOutlastsTheBuckets() {
        SignalSeries series = new SignalSeries(S);
        for (int k = 0; k < SignalSeries.BUCKETS; k++) {
            series.add(k * S, current(k));
        }
        series.add(SignalSeries.BUCKETS * S, current(-1));

        assertThat(series.widthS()).isEqualTo(2.0);
        assertThat(series.buckets()).isEqualTo(SignalSeries.BUCKETS / 2 + 1);
        assertThat(series.min(Signal.PACK_CURRENT_A, 0)).isEqualTo(0);
        assertThat(series.max(Signal.PACK_CURRENT_A, 0)).isEqualTo(1);
        assertThat(series.max(Signal.PACK_CURRENT_A, 255)).isEqualTo(511);
        assertThat(series.min(Signal.PACK_CURRENT_A, 256)).isEqualTo(-1);
    }
}
