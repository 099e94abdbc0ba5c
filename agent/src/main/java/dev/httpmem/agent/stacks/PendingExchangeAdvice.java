package dev.httpmem.agent.stacks;

import dev.httpmem.agent.runtime.Slices;
import net.bytebuddy.asm.Advice;

/**
 * Work for an exchange the stack creates inside, once it has parsed enough: decoding a stream's HEADERS. The
 * exchange's opening adopts it ({@link Slices#adopt}); without one it stays the connection's.
 */
public final class PendingExchangeAdvice {
    private PendingExchangeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Slices enter() {
        return Slices.enterPending();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    public static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
