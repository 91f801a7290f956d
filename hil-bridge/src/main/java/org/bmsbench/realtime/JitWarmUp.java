package org.bmsbench.realtime;

import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * How a control loop's code is compiled before it keeps wall-clock time: throwaway copies of it run on a simulated
 * clock, as fast as they go ({@link #run}, for {@code RealTimeRun} and {@code HilSession}), then the compiler is left to
 * finish ({@link #settle()}).
 */
public final class JitWarmUp {
    /**
     * Simulated seconds of the control loop to run in the copies. Counted in the slow task's calls: at 10 Hz, 600 s
     * is 6000 calls, past C2's thresholds (JDK 17 compiles a method after 5000 calls, its loops after 40 000
     * iterations); 60 s left the soc estimator's passes compiling during the first seconds on the wall clock,
     * with telemetry threads on the same two cores, and the loop late by milliseconds now and then.
     */
    public static final double SIMULATED_S = 600;
    /**
     * The warm-up runs in this many fresh copies rather than one: what a new firmware does only in its first ticks
     * (its estimators' first look-ups) is then seen often enough to be compiled in, instead of being left out and
     * costing a deoptimisation and a recompilation once the clock counts.
     */
    public static final int COPIES = 10;
    /** The compiler is done with a warm-up once no compilation has finished for this long ({@link JitQuiet}). */
    public static final long QUIET_NS = 500_000_000L;
    /** How long to wait for that at most. */
    public static final long QUIET_TIMEOUT_NS = 30_000_000_000L;

    private JitWarmUp() {
    }

    /** One throwaway copy of a control loop: ticked when told, until it ends. */
    public interface Copy {
        void tickAt(long nowNs);

        boolean running();

        /** After its last tick. */
        default void close() {
        }
    }

    /**
     * Runs {@link #COPIES} fresh copies made by {@code copies} (given the copy's number), {@code simulatedS} in all,
     * each ticked every {@code periodNs} from 0, a little late as on the wall clock ({@link #latenessNs}).
     */
    public static void run(IntFunction<Copy> copies, long periodNs, double simulatedS) {
        long endNs = copyLengthNs(simulatedS);
        for (int n = 0; n < COPIES; n++) {
            Copy copy = copies.apply(n);
            SplittableRandom lateness = new SplittableRandom(n);
            for (long t = 0; t < endNs && copy.running(); t += periodNs) {
                copy.tickAt(t + latenessNs(lateness, periodNs));
            }
            copy.close();
        }
    }

    /** How long each copy runs, ns, for {@code simulatedS} in all. */
    public static long copyLengthNs(double simulatedS) {
        return Math.round(simulatedS / COPIES * 1e9);
    }

    /**
     * How late a copy's tick starts, so that the JIT sees ticks as the wall clock gives them: a few us, and one in a
     * hundred up to a fifth of a period. Code compiled for ticks that were always on time is thrown away at the
     * first late one (C2's "unstable if"), and recompiling the whole tick took the compiler threads for tens of
     * milliseconds right as the clock started.
     */
    public static long latenessNs(SplittableRandom random, long periodNs) {
        return random.nextInt(100) == 0 ? random.nextLong(5_000, periodNs / 5) : random.nextLong(5_000);
    }

    /**
     * After the copies, before the clock counts: waits until this JVM's compiler has finished with them
     * ({@link JitQuiet}); a compiler thread on the loop's core takes it for a scheduler slice at a time.
     *
     * @return how long the compiler went on, ns; -1 if it still was at the timeout; 0 on a VM that does not say
     */
    public static long settle() {
        JitQuiet jit = JitQuiet.ofThisJvm();
        return jit == null ? 0 : jit.await(QUIET_NS, QUIET_TIMEOUT_NS);
    }
}
