package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.helidon.http.Status;
import io.helidon.http.http2.Http2FrameData;
import io.helidon.http.http2.Http2FrameHeader;
import io.helidon.http.http2.Http2Headers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A connection's HTTP/2 writer. Every frame it sends passes {@code noLockWrite}, on the thread that writes it: a
 * stream's frames on the stream's thread, inside its exchange's handling; connection frames on the connection's
 * thread, no exchange's. Response headers pass {@code writeHeaders} first, with their status.
 */
final class Http2ConnectionWriterInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.http.http2.Http2ConnectionWriter");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("noLockWrite").and(takesArguments(1)), FrameAdvice.class),
                new AdviceBinding(named("writeHeaders").and(takesArgument(0, named("io.helidon.http.http2.Http2Headers"))),
                        HeadersAdvice.class));
    }

    static final class FrameAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Http2FrameData frame) {
            Http2FrameHeader header = frame.header();
            return HelidonExchanges.enterFrame(header.streamId(), header.type().type());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(0) Http2FrameData frame) {
            if (slices != null) {
                Http2FrameHeader header = frame.header();
                HelidonExchanges.exitFrame(slices, header.type().type(), header.length(), header.flags());
            }
        }
    }

    static final class HeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Http2Headers headers) {
            Status status = headers.status();
            if (status != null) {
                HelidonExchanges.status(status.code());
            }
        }
    }
}
