package dev.httpmem.agent.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far by a thread, as HotSpot counts them (TLAB refills and outside-TLAB allocations), and by a
 * virtual thread, which HotSpot does not count, as the agent's clock in {@code java.lang} counts them once installed.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    /** {@code ()long}: the current virtual thread's allocated bytes, -1 when unknown; null until installed. */
    private static volatile MethodHandle virtualThreadBytes;
    /** {@code ()long}: the virtual-thread clock's failures. */
    private static volatile MethodHandle virtualThreadErrors;

    private AllocationMeter() {}

    /** The current thread's allocated bytes; -1 on a virtual thread the agent does not count. */
    public static long currentThreadAllocatedBytes() {
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        if (bytes >= 0) {
            return bytes;
        }
        MethodHandle virtual = virtualThreadBytes;
        try {
            return virtual == null ? -1 : (long) virtual.invokeExact();
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Virtual threads are counted from now on: {@code bytes} reads the current one's, {@code errors} the failures. */
    public static void countVirtualThreads(MethodHandle bytes, MethodHandle errors) {
        virtualThreadErrors = errors;
        virtualThreadBytes = bytes;
    }

    /** Failures of the virtual-thread clock, which are the agent's as its advice's are. */
    static long virtualThreadErrors() {
        MethodHandle errors = virtualThreadErrors;
        try {
            return errors == null ? 0 : (long) errors.invokeExact();
        } catch (Throwable e) {
            return 0;
        }
    }

    /** The ids of the live threads. */
    static long[] threadIds() {
        return THREADS.getAllThreadIds();
    }

    /** The bytes each thread of {@code ids} allocated so far, -1 for one that ended or cannot be measured. */
    static long[] allocatedBytes(long[] ids) {
        return THREADS.getThreadAllocatedBytes(ids);
    }

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return threads;
    }
}
