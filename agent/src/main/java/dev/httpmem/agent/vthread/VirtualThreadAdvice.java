package dev.httpmem.agent.vthread;

import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code java.lang.VirtualThread}, woven in with {@link HttpmemVirtualThreadClock} renamed to the copy
 * defined in {@code java.lang}: the code of java.base sees no class of the agent.
 */
public final class VirtualThreadAdvice {
    private VirtualThreadAdvice() {}

    /**
     * {@code mount()}: the thread gets on a carrier and is {@code Thread.currentThread()} there by the method's
     * end. Each way off a carrier and back passes here and through {@code unmount()}: a park or a
     * {@code Thread.yield}, and on JDK 24+ also a monitor the thread blocked on or waited for, where the JVM takes it
     * off its carrier without {@code yieldContinuation()} (JEP 491).
     */
    public static final class Mount {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            HttpmemVirtualThreadClock.mounted();
        }
    }

    /** {@code unmount()}: entered while the thread is still {@code Thread.currentThread()} on its carrier. */
    public static final class Unmount {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            HttpmemVirtualThreadClock.unmounting();
        }
    }
}
