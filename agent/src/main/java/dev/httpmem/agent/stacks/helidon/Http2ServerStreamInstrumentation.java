package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.helidon.http.http2.Http2Headers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/2 stream: its request HEADERS (read on the connection's thread, or the h2c Upgrade's request as stream 1)
 * open its exchange; its {@code run} on a virtual thread of its own (routing, the handler, the response's frames) is
 * the exchange's handling, whose end ends it; a client's RST_STREAM ends it as reset, though Helidon lets the
 * handler run on.
 */
final class Http2ServerStreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.webserver.http2.Http2ServerStream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("headers").and(takesArguments(2)), HeadersAdvice.class),
                new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class),
                new AdviceBinding(named("rstStream").and(takesArguments(1)), RstStreamAdvice.class));
    }

    static final class HeadersAdvice {
        /** Request headers only: trailers come through here too, once the stream has its headers. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream, @Advice.FieldValue("headers") Object previous,
                          @Advice.FieldValue("ctx") Object connection, @Advice.FieldValue("streamId") int streamId,
                          @Advice.Argument(0) Http2Headers headers) {
            if (previous == null) {
                HelidonExchanges.streamOpened(stream, connection, streamId, headers.method().text(), headers.path());
            }
        }
    }

    static final class RunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object stream) {
            return Slices.enterExchangeOf(stream, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.This Object stream, @Advice.Thrown Throwable thrown) {
            HelidonExchanges.streamRan(slices, stream, thrown);
        }
    }

    static final class RstStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object stream) {
            Exchanges.end(stream, Outcome.RESET);
        }
    }
}
