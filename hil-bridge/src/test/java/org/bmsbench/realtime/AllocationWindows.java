package org.bmsbench.realtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a piece of code allocates on this thread, counted in windows, for the zero-allocation tests. Before each
 * window the JIT is let finish what the calls so far gave it ({@link JitQuiet}): code still interpreted, or
 * compiled by C1 only, allocates objects that C2's escape analysis removes, and on a busy machine C2 compiles
 * seconds late; a recompilation may also materialise an object once. Code that allocates per call allocates in
 * every window; so the windows stop at the first that allocates nothing, and a test asserts that one did.
 */
public final class AllocationWindows {
    private static final long QUIET_NS = 300_000_000L;
    private static final long QUIET_TIMEOUT_NS = 30_000_000_000L;

    private AllocationWindows() {
    }

    /** The bytes this thread allocated in each run of {@code window}, at most {@code maxWindows}, until one was 0. */
    public static List<Long> untilNone(int maxWindows, Runnable window) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        JitQuiet jit = JitQuiet.ofThisJvm();
        List<Long> bytes = new ArrayList<>();
        while (bytes.size() < maxWindows && (bytes.isEmpty() || bytes.get(bytes.size() - 1) != 0)) {
            if (jit != null) {
                jit.await(QUIET_NS, QUIET_TIMEOUT_NS);
            }
            long before = threads.getThreadAllocatedBytes(self);
            window.run();
            bytes.add(threads.getThreadAllocatedBytes(self) - before);
        }
        return bytes;
    }
}
