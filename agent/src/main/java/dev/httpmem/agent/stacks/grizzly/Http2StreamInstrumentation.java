package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.http2.Http2Stream;

/**
 * A stream reset by its client (RST_STREAM received) or closed with its connection: its exchange ends so, before
 * the service, which goes on regardless, completes it.
 */
final class Http2StreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http2.Http2Stream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("resetRemotely").and(takesArguments(0)), ResetAdvice.class),
                new AdviceBinding(named("closedRemotely").and(takesArguments(0)), ClosedAdvice.class));
    }

    static final class ResetAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Http2Stream stream) {
            Exchanges.end(stream, Outcome.RESET);
        }
    }

    static final class ClosedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Http2Stream stream) {
            Exchanges.end(stream, Outcome.CLOSED);
        }
    }
}
