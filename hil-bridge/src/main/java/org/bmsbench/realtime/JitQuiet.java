package org.bmsbench.realtime;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.bmsbench.firmware.loop.Clock;

/**
 * Waits for the JIT compiler to finish what a warm-up gave it. A warm-up's calls end long before their
 * compilations: C2 works through its queue for seconds afterwards (seen with {@code -XX:+PrintCompilation}: methods
 * queued during the warm-up still compiling 0.7 s into a real-time run), and a compiler thread that shares the
 * control loop's core takes it for a scheduler slice, 2-8 ms, each time. The JDK keeps the total time spent
 * compiling; the compiler is quiet once that stops growing for a while.
 */
public final class JitQuiet {
    private static final long POLL_NS = 20_000_000L;

    private final LongSupplier compilationMs;
    private final Clock clock;
    private final LongConsumer sleepNs;

    /**
     * @param compilationMs the total time the JIT has spent compiling, ms (the JDK's {@link CompilationMXBean})
     * @param sleepNs       waits about this long
     */
    public JitQuiet(LongSupplier compilationMs, Clock clock, LongConsumer sleepNs) {
        this.compilationMs = compilationMs;
        this.clock = clock;
        this.sleepNs = sleepNs;
    }

    /** This JVM's compiler, or null when it does not report its compilation time (an interpreter-only VM). */
    public static JitQuiet ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return null;
        }
        return new JitQuiet(jit::getTotalCompilationTime, Clock.SYSTEM, ns -> {
            try {
                Thread.sleep(ns / 1_000_000L, (int) (ns % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Waits until no compilation has finished for {@code quietNs}, at most {@code timeoutNs}.
     *
     * @return how long the compiler went on after the call, ns (the last change seen); -1 when it was still busy
     *     at the timeout
     */
    public long await(long quietNs, long timeoutNs) {
        long start = clock.nanoTime();
        long lastChangeNs = start;
        long seen = compilationMs.getAsLong();
        while (true) {
            long now = clock.nanoTime();
            if (now - lastChangeNs >= quietNs) {
                return lastChangeNs - start;
            }
            if (now - start >= timeoutNs || Thread.currentThread().isInterrupted()) {
                return -1;
            }
            sleepNs.accept(Math.min(POLL_NS, quietNs - (now - lastChangeNs)));
            long total = compilationMs.getAsLong();
            if (total != seen) {
                seen = total;
                lastChangeNs = clock.nanoTime();
            }
        }
    }
}
