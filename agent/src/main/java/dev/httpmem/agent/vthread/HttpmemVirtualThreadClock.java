package dev.httpmem.agent.vthread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes each virtual thread allocated, which HotSpot does not count: a virtual thread allocates through the
 * platform thread carrying it, whose counter therefore also counts every other virtual thread it carries. A virtual
 * thread the agent asks about adds up the carrier's counter over the spans it is mounted from then on: to each
 * unmount, and from each mount to the next.
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
    /** {@code (Thread) -> Object}: a thread's map of thread locals, which this class, defined in java.lang, may read. */
    private static final MethodHandle THREAD_LOCALS = threadLocals();

    private HttpmemVirtualThreadClock() {}

    /** The current virtual thread is about to unmount. */
    public static void unmounting() {
        try {
            long[] own = counting();
            if (own != null) {
                own[0] += carrier() - own[1];
            }
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
        }
    }

    /** The current virtual thread is mounted again, maybe on another carrier. */
    public static void mounted() {
        try {
            long[] own = counting();
            if (own != null) {
                own[1] = carrier();
            }
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
        }
    }

    /**
     * The bytes the current virtual thread allocated since it was first asked, as the agent does when the thread
     * enters work it measures: only such threads are counted, so that the others pay no more than a field read per
     * unmount. -1 when the clock fails.
     */
    public static long allocatedBytes() {
        try {
            long[] own = OWN.get();
            if (own == null) {
                own = new long[] {0, carrier()};
                OWN.set(own);
            }
            return own[0] + carrier() - own[1];
        } catch (Throwable e) {
            ERRORS.incrementAndGet();
            return -1;
        }
    }

    /** The current virtual thread's count, if it is counted: a thread without thread locals is not, at one read. */
    private static long[] counting() throws Throwable {
        return (Object) THREAD_LOCALS.invokeExact(Thread.currentThread()) == null ? null : OWN.get();
    }

    public static long errors() {
        return ERRORS.get();
    }

    private static long carrier() throws Throwable {
        return (long) CARRIER.invokeExact();
    }

    /** Thread's package-private accessor (JDK 25), or its field (JDK 21, where the field is not private). */
    private static MethodHandle threadLocals() {
        try {
            Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle read;
            try {
                read = lookup.findVirtual(Thread.class, "threadLocals", MethodType.methodType(map));
            } catch (NoSuchMethodException e) {
                read = lookup.findGetter(Thread.class, "threadLocals", map);
            }
            return read.asType(MethodType.methodType(Object.class, Thread.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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
