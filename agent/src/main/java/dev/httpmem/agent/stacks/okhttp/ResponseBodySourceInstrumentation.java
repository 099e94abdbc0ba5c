package dev.httpmem.agent.stacks.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.io.IOException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A response body as the application reads it, whatever the protocol and under any decompression: each read is a
 * slice of its exchange, and what it returns body bytes; its completion without an error is the response read whole
 * (or closed by the application before its end, which OkHttp does not tell apart here).
 */
final class ResponseBodySourceInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("okhttp3.internal.connection.Exchange$ResponseBodySource");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("read").and(takesArguments(2)), ReadAdvice.class),
                new AdviceBinding(named("complete").and(takesArguments(1)), CompleteAdvice.class));
    }

    static final class ReadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") Object exchange) {
            return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Return long read) {
            if (slices != null) {
                Slices.bodyRead(read);
            }
            Slices.exit(slices);
        }
    }

    static final class CompleteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object exchange, @Advice.Argument(0) IOException failure) {
            if (failure == null) {
                Exchanges.responseRead(exchange);
            }
        }
    }
}
