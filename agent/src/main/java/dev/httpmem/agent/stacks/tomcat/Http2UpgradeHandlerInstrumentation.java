package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.tomcat.helpers.HttpmemTomcatHelpers;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * The HTTP/2 connection, blocking or async (each writes frames its own way, neither through the other): the stream
 * a client's HEADERS create, which opens its exchange before the headers are decoded (the stream's buffers are
 * made there); handing the stream to a container thread; a stream's HEADERS (with the status) and each of its
 * DATA frames; and the connection's close, which ends its open streams. Tomcat 10.1's {@code writeHeaders} also
 * takes the id of a pushed stream, for PUSH_PROMISE.
 */
final class Http2UpgradeHandlerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http2.Http2UpgradeHandler")
                .or(named("org.apache.coyote.http2.Http2AsyncUpgradeHandler"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("createRemoteStream").and(takesArguments(1)), CreateRemoteStreamAdvice.class),
                new AdviceBinding(named("processStreamOnContainerThread").and(takesArguments(1)), StreamHandleAdvice.class),
                new AdviceBinding(named("writeHeaders").and(takesArguments(4)), WriteHeadersAdvice.class),
                new AdviceBinding(named("writeHeaders").and(takesArguments(5)), WritePushableHeadersAdvice.class),
                new AdviceBinding(named("writeBody").and(takesArguments(4)), WriteBodyAdvice.class),
                new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    static final class CreateRemoteStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter() {
            return Slices.enterPending();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(0) int streamId, @Advice.Return Object stream,
                         @Advice.FieldValue("socketWrapper") SocketWrapperBase<?> socketWrapper) {
            if (stream != null && (streamId & 1) == 1) {
                Slices.adopt(Exchanges.open(stream, TomcatInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2,
                        Connections.of(socketWrapper, TomcatInstrumentation.STACK), streamId, null, null));
            }
            Slices.exit(slices);
        }
    }

    /** The stream's request is complete: its processor is made and queued for a container thread. */
    static final class StreamHandleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Object stream) {
            return Slices.enterExchangeOf(stream, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    /** Tomcat 11. The header block's size is told from inside, by {@link HpackEncoderInstrumentation}. */
    static final class WriteHeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Object stream, @Advice.Argument(1) MimeHeaders headers) {
            return Slices.enterFrame(stream, null, HttpmemTomcatHelpers.status(headers), "HEADERS");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(2) boolean endOfStream) {
            Slices.exitFrame(slices, endOfStream);
        }
    }

    /** Tomcat 10.1. */
    static final class WritePushableHeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Object stream, @Advice.Argument(1) int pushedStreamId,
                            @Advice.Argument(2) MimeHeaders headers) {
            if (pushedStreamId != 0) {
                return Slices.enterFrame(stream, null, 0, "PUSH_PROMISE");
            }
            return Slices.enterFrame(stream, null, HttpmemTomcatHelpers.status(headers), "HEADERS");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(3) boolean endOfStream) {
            Slices.exitFrame(slices, endOfStream);
        }
    }

    /** One DATA frame of {@code len} bytes. */
    static final class WriteBodyAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Object stream) {
            return Slices.enterFrame(stream, null, 0, "DATA");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(2) int length,
                         @Advice.Argument(3) boolean finished) {
            Slices.exitFrame(slices, length, finished);
        }
    }

    /** Runs once per connection (later calls return at once); streams already done are no longer keys. */
    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("streams") Map<?, ?> streams) {
            for (Object stream : streams.values()) {
                Exchanges.end(stream, Outcome.CLOSED);
            }
        }
    }
}
