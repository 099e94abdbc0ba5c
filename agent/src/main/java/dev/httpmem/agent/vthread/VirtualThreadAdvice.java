package dev.httpmem.agent.vthread;

import net.bytebuddy.asm.Advice;

/**
 * Advice for {@code java.lang.VirtualThread}, woven in with {@link HttpmemVirtualThreadClock} renamed to the copy
 * defined in {@code java.lang}: the code of java.base sees no class of the agent.
 */
public final class VirtualThreadAdvice {
    private VirtualThreadAdvice() {}

    /** {@code yieldContinuation()}: entered mounted, before the unmount; returns mounted again. */
    public static final class Yield {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            HttpmemVirtualThreadClock.yielding();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            HttpmemVirtualThreadClock.resumed();
        }
    }
}
