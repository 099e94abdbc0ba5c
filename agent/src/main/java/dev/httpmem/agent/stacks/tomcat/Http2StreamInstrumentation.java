package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Ends an HTTP/2 exchange: when its processor recycles the stream after the response (the usual end: completed
 * once its END_STREAM was written, else closed unfinished), when the client resets it (or the closing connection
 * cancels it), or when Tomcat resets it or closes the connection for it.
 */
final class Http2StreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http2.Stream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("recycle").and(takesArguments(0)), RecycleAdvice.class),
                new AdviceBinding(named("receiveReset").and(takesArguments(1)), ResetAdvice.class),
                new AdviceBinding(named("close").and(takesArguments(1)), CloseAdvice.class));
    }

    static final class RecycleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.CLOSED);
        }
    }

    static final class ResetAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.RESET);
        }
    }

    /**
     * A stream error resets the stream, which failed: Tomcat found its client broke the protocol on it (a header
     * it refuses, a body longer than announced). Any other error closes the connection.
     */
    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.Argument(0) Exception error) {
            boolean streamError = error != null
                    && error.getClass().getName().equals("org.apache.coyote.http2.StreamException");
            if (streamError) {
                Exchanges.rejected(stream, error.getClass().getName());
            }
            Exchanges.end(stream, streamError ? Outcome.RESET : Outcome.CLOSED);
        }
    }
}
