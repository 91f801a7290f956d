package org.bmsbench.scenario;

import java.util.Locale;
import java.util.Objects;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;

/**
 * What a scenario requires of a run. Each expectation watches the run through a fresh {@link Check}: fault
 * changes as they happen, and the signals after every plant step; at the end it gives its {@link Outcome}.
 */
public sealed interface Expectation {
    /** The expectation in words, e.g. {@code CELL_OVERVOLTAGE fatal raised between 30 and 31.5 s}. */
    String describe();

    /** What sort of expectation it is. */
    Kind kind();

    /** A monitor for one run. */
    Check start();

    /** Watches one run. */
    interface Check {
        /** A fault tier was raised (or cleared) at {@code timeNs}. */
        default void onFault(long timeNs, FaultId id, FaultLevel level, boolean raised) {
        }

        /** The signals after a plant step ending at {@code timeNs}. */
        default void sample(long timeNs, Signals signals) {
        }

        /** A frame of {@code message} the BMS sent on the scenario's CAN bus carried {@code value} in {@code signal}. */
        default void onBusValue(long timeNs, String message, String signal, double value) {
        }

        /** The verdict, once the run ended at {@code endNs}. */
        Outcome finish(long endNs);
    }

    /**
     * The sorts of expectation, named as a scenario file's key names them; {@link #PLANT_FINITE} is the runner's
     * own, failed when the plant's state leaves the finite numbers.
     */
    enum Kind {
        FAULT, NO_FAULT, CONTACTORS, STATE, SIGNAL, SOC_ERROR, CAN, PLANT_FINITE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The verdict on one expectation. */
    record Outcome(Kind kind, String expectation, boolean passed, String detail) {
        public Outcome {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(expectation, "expectation");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A scenario file's time, s, on the run's clock, ns. */
    private static long ns(double s) {
        return Math.round(s * 1e9);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns * 1e-9);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A fault tier (or any tier, when {@code level} is null) is first raised within [fromS, toS]. */
    record FaultRaised(FaultId id, FaultLevel level, double fromS, double toS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.FAULT;
        }

        @Override
        public String describe() {
            return id + (level == null ? "" : " " + level.id()) + " raised between " + number(fromS) + " and "
                    + number(toS) + " s";
        }

        @Override
        public Check start() {
            return new Check() {
                private final long fromNs = ns(fromS);
                private final long toNs = ns(toS);
                private long firstNs = Long.MIN_VALUE; // not yet raised

                @Override
                public void onFault(long timeNs, FaultId fault, FaultLevel tier, boolean raised) {
                    if (raised && fault == id && (level == null || tier == level) && firstNs == Long.MIN_VALUE) {
                        firstNs = timeNs;
                    }
                }

                @Override
                public Outcome finish(long endNs) {
                    if (firstNs == Long.MIN_VALUE) {
                        return new Outcome(kind(), describe(), false, "it was never raised (the run ended at "
                                + seconds(endNs) + ")");
                    }
                    boolean ok = firstNs >= fromNs && firstNs <= toNs;
                    return new Outcome(kind(), describe(), ok, "raised at " + seconds(firstNs));
                }
            };
        }
    }

    /**
     * A fault tier (or any tier, when {@code level} is null) is never raised after {@code afterS}; a null
     * {@code id} stands for every fault.
     */
    record NoFault(FaultId id, FaultLevel level, double afterS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.NO_FAULT;
        }

        @Override
        public String describe() {
            return "no " + (level == null ? "" : level.id() + " ") + (id == null ? "fault" : id.name())
                    + (afterS > 0 ? " after " + number(afterS) + " s" : "");
        }

        @Override
        public Check start() {
            return new Check() {
                private final long afterNs = ns(afterS);
                private long firstNs = Long.MIN_VALUE; // not yet raised
                private FaultId seenId;
                private FaultLevel seenLevel;

                @Override
                public void onFault(long timeNs, FaultId fault, FaultLevel tier, boolean raised) {
                    if (raised && (id == null || fault == id) && (level == null || tier == level)
                            && timeNs >= afterNs && firstNs == Long.MIN_VALUE) {
                        firstNs = timeNs;
                        seenId = fault;
                        seenLevel = tier;
                    }
                }

                @Override
                public Outcome finish(long endNs) {
                    return firstNs == Long.MIN_VALUE ? new Outcome(kind(), describe(), true, "never raised")
                            : new Outcome(kind(), describe(), false, seenId + " " + seenLevel.id() + " raised at "
                                    + seconds(firstNs));
                }
            };
        }
    }

    /** The contactors are in {@code state} at {@code byS} (and so got there by then). */
    record Contactors(ContactorState state, double byS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.CONTACTORS;
        }

        @Override
        public String describe() {
            return "contactors " + state.id() + " by " + number(byS) + " s";
        }

        @Override
        public Check start() {
            return new WordAt(kind(), describe(), Signal.CONTACTORS, state.ordinal(), byS, ContactorState.values());
        }
    }

    /** The BMS is in {@code state} at {@code byS}. */
    record State(BmsState state, double byS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.STATE;
        }

        @Override
        public String describe() {
            return "BMS " + state.id() + " by " + number(byS) + " s";
        }

        @Override
        public Check start() {
            return new WordAt(kind(), describe(), Signal.BMS_STATE, state.ordinal(), byS, BmsState.values());
        }
    }

    /** A word-valued signal equals {@code expected} at {@code atS}; tells since when it had held. */
    final class WordAt implements Check {
        private final Kind kind;
        private final String description;
        private final Signal signal;
        private final int expected;
        private final long atNs;
        private final Enum<?>[] words;
        private int valueAt = -1;
        private int previous = -1;
        private long sinceNs;

        WordAt(Kind kind, String description, Signal signal, int expected, double atS, Enum<?>[] words) {
            this.kind = kind;
            this.description = description;
            this.signal = signal;
            this.expected = expected;
            this.atNs = ns(atS);
            this.words = words;
        }

        @Override
        public void sample(long timeNs, Signals signals) {
            if (timeNs > atNs) {
                return;
            }
            int value = (int) signals.get(signal);
            if (value != previous) {
                sinceNs = timeNs;
                previous = value;
            }
            valueAt = value;
        }

        @Override
        public Outcome finish(long endNs) {
            if (endNs < atNs) {
                return new Outcome(kind, description, false, "the run ended at " + seconds(endNs));
            }
            String word = words[valueAt].name().toLowerCase(Locale.ROOT);
            return new Outcome(kind, description, valueAt == expected, word + " at " + seconds(atNs) + " (since "
                    + seconds(sinceNs) + ")");
        }
    }

    /** How a signal is bounded. */
    enum Bound {
        MAX_BELOW, MIN_ABOVE, FINAL_BELOW, FINAL_ABOVE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A numeric signal stays within a bound after {@code afterS} (or ends there, for the final bounds). */
    record SignalBound(Signal signal, Bound bound, double limit, double afterS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.SIGNAL;
        }

        @Override
        public String describe() {
            return signal.id() + " " + bound.id() + " " + number(limit)
                    + (afterS > 0 ? " after " + number(afterS) + " s" : "");
        }

        @Override
        public Check start() {
            return new Check() {
                private final long afterNs = ns(afterS);
                private double max = Double.NEGATIVE_INFINITY;
                private long maxAtNs;
                private double min = Double.POSITIVE_INFINITY;
                private long minAtNs;
                private double last = Double.NaN;

                @Override
                public void sample(long timeNs, Signals signals) {
                    if (timeNs < afterNs) {
                        return;
                    }
                    double v = signals.get(signal);
                    if (Double.isNaN(v)) {
                        return;
                    }
                    if (v > max) {
                        max = v;
                        maxAtNs = timeNs;
                    }
                    if (v < min) {
                        min = v;
                        minAtNs = timeNs;
                    }
                    last = v;
                }

                @Override
                public Outcome finish(long endNs) {
                    if (Double.isNaN(last)) {
                        return new Outcome(kind(), describe(), false, "no value after " + seconds(afterNs));
                    }
                    switch (bound) {
                        case MAX_BELOW:
                            return new Outcome(kind(), describe(), max < limit, "maximum " + number(max) + " at "
                                    + seconds(maxAtNs));
                        case MIN_ABOVE:
                            return new Outcome(kind(), describe(), min > limit, "minimum " + number(min) + " at "
                                    + seconds(minAtNs));
                        case FINAL_BELOW:
                            return new Outcome(kind(), describe(), last < limit, "final " + number(last));
                        default:
                            return new Outcome(kind(), describe(), last > limit, "final " + number(last));
                    }
                }
            };
        }
    }

    /**
     * The BMS's soc estimates against the truth, over every channel, after {@code afterS}: the RMS and the largest
     * error (either bound may be NaN for "not checked").
     */
    record SocError(double rmsBelow, double maxBelow, double afterS) implements Expectation {
        @Override
        public Kind kind() {
            return Kind.SOC_ERROR;
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("soc error");
            if (!Double.isNaN(rmsBelow)) {
                sb.append(" rms below ").append(number(rmsBelow));
            }
            if (!Double.isNaN(maxBelow)) {
                sb.append(" max below ").append(number(maxBelow));
            }
            return afterS > 0 ? sb.append(" after ").append(number(afterS)).append(" s").toString() : sb.toString();
        }

        @Override
        public Check start() {
            return new Check() {
                private double sumSquares;
                private long samples;
                private final long afterNs = ns(afterS);
                private double max;
                private long maxAtNs;

                @Override
                public void sample(long timeNs, Signals signals) {
                    if (timeNs < afterNs || Double.isNaN(signals.socErrorMaxAbs())) {
                        return;
                    }
                    sumSquares += signals.socErrorMeanSquare();
                    samples++;
                    if (signals.socErrorMaxAbs() > max) {
                        max = signals.socErrorMaxAbs();
                        maxAtNs = timeNs;
                    }
                }

                @Override
                public Outcome finish(long endNs) {
                    if (samples == 0) {
                        return new Outcome(kind(), describe(), false, "no estimate after " + seconds(afterNs));
                    }
                    double rms = Math.sqrt(sumSquares / samples);
                    boolean ok = (Double.isNaN(rmsBelow) || rms < rmsBelow) && (Double.isNaN(maxBelow) || max < maxBelow);
                    return new Outcome(kind(), describe(), ok, "rms " + number(rms) + ", max " + number(max) + " at "
                            + seconds(maxAtNs));
                }
            };
        }
    }

    /**
     * The last frame of {@code message} the BMS sent on the scenario's CAN bus at or before {@code byS} carried
     * {@code value} in {@code signal}, within {@code within} (0: to a part in 10^9, the decoded value of a raw step
     * as a tool shows it; a measured value's noise needs more).
     */
    record CanValue(String message, String signal, double value, double within, double byS) implements Expectation {
        public CanValue {
            if (!(within >= 0)) {
                throw new IllegalArgumentException("within must be 0 or more, got " + within);
            }
        }

        @Override
        public Kind kind() {
            return Kind.CAN;
        }

        @Override
        public String describe() {
            return "CAN " + message + "." + signal + " = " + number(value)
                    + (within > 0 ? " +- " + number(within) : "") + " by " + number(byS) + " s";
        }

        @Override
        public Check start() {
            return new Check() {
                private final long byNs = ns(byS);
                private double last = Double.NaN;
                private long lastNs = -1;

                @Override
                public void onBusValue(long timeNs, String messageName, String signalName, double decoded) {
                    if (timeNs <= byNs && messageName.equals(message) && signalName.equals(signal)) {
                        last = decoded;
                        lastNs = timeNs;
                    }
                }

                @Override
                public Outcome finish(long endNs) {
                    if (endNs < byNs) {
                        return new Outcome(kind(), describe(), false, "the run ended at " + seconds(endNs));
                    }
                    if (lastNs < 0) {
                        return new Outcome(kind(), describe(), false, "no " + message + " frame by " + seconds(byNs));
                    }
                    double allowed = Math.max(within, 1e-9 * Math.max(1, Math.abs(value)));
                    return new Outcome(kind(), describe(), Math.abs(last - value) <= allowed,
                            number(last) + " in the frame of " + seconds(lastNs));
                }
            };
        }
    }
}
