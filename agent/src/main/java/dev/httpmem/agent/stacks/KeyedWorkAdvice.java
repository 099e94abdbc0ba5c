package dev.httpmem.agent.stacks;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import net.bytebuddy.asm.Advice;

/**
 * Work of the exchange that the advised object itself keys (a client's per-attempt object: the JDK's
 * {@code Http1Exchange} or {@code Stream}, OkHttp's {@code Exchange}): sending its request, reading its response,
 * handing its body to the application, on whichever thread the stack runs the step.
 */
public final class KeyedWorkAdvice {
    private KeyedWorkAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Slices enter(@Advice.This Object exchange) {
        return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    public static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
