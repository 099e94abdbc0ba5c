package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.http2.api.Stream;

/**
 * Ends an HTTP/2 exchange when its stream closes: {@code onClose} is the one point every close reaches exactly
 * once in both 12.0 and 12.1 (12.1 closes through a private {@code doClose}, bypassing {@code close}).
 */
final class Http2StreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.HTTP2Stream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("onClose").and(takesArguments(0)), OnCloseAdvice.class),
                new AdviceBinding(named("process").and(takesArguments(1))
                        .and(takesArgument(0, named("org.eclipse.jetty.http2.api.Stream$Data"))), ProcessDataAdvice.class));
    }

    static final class OnCloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This HTTP2Stream stream) {
            Exchanges.end(stream, stream.isReset() ? Outcome.RESET : Outcome.CLOSED);
        }
    }

    /** Request DATA received for the stream. */
    static final class ProcessDataAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.Argument(0) Stream.Data data) {
            if (data != null) {
                Exchanges.requestBody(stream, data.frame().remaining());
            }
        }
    }
}
