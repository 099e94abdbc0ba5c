package dev.httpmem.agent.vthread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes each virtual thread allocated, which HotSpot does not count: a virtual thread allocates through the
 * platform thread carrying it, whose counter therefore also counts every other virtual thread it carries. Each
 * virtual thread adds up the carrier's counter over the spans it is mounted, from its start to each yield and from
 * each return to the next.
 *
 * <p>Defined at run time in {@code java.lang} as {@code java.lang.HttpmemVirtualThreadClock} (see
 * {@code VirtualThreadAllocation}), so that the advice inlined into {@code java.lang.VirtualThread} sees it; the
 * agent's own copy of this class is never loaded. Only the JDK's types here.
 */
public final class HttpmemVirtualThreadClock {
    /**
     * {@code ()long}: the current platform thread's allocated bytes, the carrier's on a virtual thread: the JDK's own
     * native method behind {@code ThreadMXBean}, which the agent opens to java.base before defining this class.
     * Final, so that the JIT calls it directly.
     */
    private static final MethodHandle CARRIER = carrierCounter();
    /** Failures inside the clock, which the agent counts with its advice's. */
    private static final AtomicLong ERRORS = new AtomicLong();
    /** Per virtual thread: the bytes of its spans mounted so far, and the carrier's counter when this span began. */
    private static final ThreadLocal<long[]> OWN = new ThreadLocal<>();

    private HttpmemVirtualThreadClock() {}

    /** The current virtual thread begins its task, mounted. */
    public static void started() {
        try {
            OWN.set(new long[] {0, carrier()});
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
        }
    }

    /** The current virtual thread is about to unmount. */
    public static void yielding() {
        try {
            long[] own = OWN.get();
            if (own != null) {
                own[0] += carrier() - own[1];
            }
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
        }
    }

    /** The current virtual thread is mounted again, maybe on another carrier. */
    public static void resumed() {
        try {
            long[] own = OWN.get();
            if (own != null) {
                own[1] = carrier();
            }
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
        }
    }

    /** The bytes the current virtual thread allocated so far; -1 for one that began before the clock. */
    public static long allocatedBytes() {
        try {
            long[] own = OWN.get();
            return own == null ? -1 : own[0] + carrier() - own[1];
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
            return -1;
        }
    }

    public static long errors() {
        return ERRORS.get();
    }

    private static long carrier() throws Throwable {
        return (long) CARRIER.invokeExact();
    }

    private static MethodHandle carrierCounter() {
        try {
            Class<?> threads = Class.forName("sun.management.ThreadImpl");
            return MethodHandles.insertArguments(MethodHandles.privateLookupIn(threads, MethodHandles.lookup())
                    .findStatic(threads, "getThreadAllocatedMemory0", MethodType.methodType(long.class, long.class)), 0, 0L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
