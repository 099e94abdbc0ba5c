package dev.httpmem.agent.runtime;

import java.lang.management.ManagementFactory;

/** Bytes allocated so far by a thread, as HotSpot counts them (TLAB refills and outside-TLAB allocations). */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private AllocationMeter() {}

    public static long currentThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
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
