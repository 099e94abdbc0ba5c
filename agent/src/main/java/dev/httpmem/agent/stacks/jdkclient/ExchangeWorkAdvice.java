package dev.httpmem.agent.stacks.jdkclient;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import net.bytebuddy.asm.Advice;

/**
 * Work of an exchange's own object ({@code Http1Exchange}, {@code Stream}): sending its request, reading its
 * response's headers and body, handing the body to the application's subscriber. Runs on the caller's thread, the
 * client's workers or the selector's, whichever the stack's futures complete on: a slice of that exchange wherever.
 */
final class ExchangeWorkAdvice {
    private ExchangeWorkAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Slices enter(@Advice.This Object exchange) {
        return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
