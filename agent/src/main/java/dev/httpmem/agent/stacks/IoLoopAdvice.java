package dev.httpmem.agent.stacks;

import dev.httpmem.agent.runtime.Slices;
import net.bytebuddy.asm.Advice;

/**
 * A pass of a stack's I/O loop, serving all connections rather than one: a selector's select, a pool thread
 * waiting for its next task.
 */
public final class IoLoopAdvice {
    private IoLoopAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Slices enter() {
        return Slices.enterIoLoop();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    public static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
