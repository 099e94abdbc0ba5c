package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.protocols.http2.Http2DataStreamSinkChannel;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A stream's response channel cut short: reset (RST_STREAM sent or received) or closed with its connection. Its
 * exchange ends so, before Undertow completes it (a handler still writing does, answering 200) or not at all (a
 * handler that waits never hears of it).
 */
final class Http2StreamSinkChannelInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.protocols.http2.Http2StreamSinkChannel");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("rstStream").and(takesArguments(0)), ResetAdvice.class),
                new AdviceBinding(named("channelForciblyClosed").and(takesArguments(0)), ClosedAdvice.class));
    }

    static final class ResetAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            if (stream instanceof Http2DataStreamSinkChannel response) {
                Exchanges.end(response.getHeaders(), Outcome.RESET);
            }
        }
    }

    static final class ClosedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            if (stream instanceof Http2DataStreamSinkChannel response) {
                Exchanges.end(response.getHeaders(), Outcome.CLOSED);
            }
        }
    }
}
