package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.io.IOException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A call: run synchronously ({@code execute}, until its response's headers), its work is that of the exchange it
 * creates first; every end of an exchange passes through its {@code messageDone}, which lets go of the exchange
 * once both its request and its response are done, failed by what it returns, if anything.
 */
final class RealCallInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.connection.RealCall");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("execute").and(takesArguments(0)), PendingExchangeAdvice.class),
                // Its booleans differ across 5.x (two in 5.1 and 5.2, four since 5.3): only the exchange and the result are read.
                new AdviceBinding(named("messageDone$okhttp"), MessageDoneAdvice.class));
    }

    static final class MessageDoneAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("exchange") Object current, @Advice.Argument(0) Object exchange) {
            return current == exchange;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter boolean wasCurrent, @Advice.FieldValue("exchange") Object current,
                         @Advice.Argument(0) Object exchange, @Advice.Return IOException failure) {
            if (wasCurrent && current == null) {
                Exchanges.failed(exchange, failure);
                Exchanges.end(exchange, Outcome.CLOSED);
            }
        }
    }
}
