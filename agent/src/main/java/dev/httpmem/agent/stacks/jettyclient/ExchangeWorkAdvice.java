package dev.httpmem.agent.stacks.jettyclient;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import net.bytebuddy.asm.Advice;

/**
 * Work for the exchange the method is given (its first argument): sending its request, its response's begin,
 * headers and content handed to the application's listeners, which run inside.
 */
final class ExchangeWorkAdvice {
    private ExchangeWorkAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Slices enter(@Advice.Argument(0) Object exchange) {
        return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Slices slices) {
        Slices.exit(slices);
    }
}
