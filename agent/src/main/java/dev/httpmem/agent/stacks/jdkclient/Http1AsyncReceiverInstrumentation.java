package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What an HTTP/1.1 connection received, handed to the exchange it is for: the response's status line and headers
 * parsed, its body parsed and given to the application's subscriber, whose completion runs inside. A slice of
 * that exchange, read as the flush begins: the response's end lets go of it in the middle.
 */
final class Http1AsyncReceiverInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http1AsyncReceiver");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("flush").and(takesArguments(0)), FlushAdvice.class));
    }

    static final class FlushAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("owner") Object exchange) {
            return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
