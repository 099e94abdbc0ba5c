package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.http2.Http2Session;
import org.glassfish.grizzly.http2.Http2Stream;
import org.glassfish.grizzly.http2.frames.Http2Frame;

/**
 * Every frame the server sends is serialized here (and recycled inside, so it is read on entry): a stream's
 * HEADERS and DATA are its exchange's response, told with their payload and END_STREAM, and the response's
 * status (the client may close the connection, ending the exchange, before Grizzly reports it complete).
 */
final class Http2FrameCodecInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http2.Http2FrameCodec");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("serializeAndRecycle").and(takesArguments(2)).and(takesArgument(1, List.class)),
                        FramesAdvice.class),
                new AdviceBinding(named("serializeAndRecycle").and(takesArguments(2)).and(takesArgument(1, named(
                        "org.glassfish.grizzly.http2.frames.Http2Frame"))), FrameAdvice.class));
    }

    static final class FramesAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Http2Session session, @Advice.Argument(1) List<Http2Frame> frames) {
            for (Http2Frame frame : frames) {
                Http2Stream stream = frame.getStreamId() == 0 ? null : session.getStream(frame.getStreamId());
                if (stream != null) {
                    GrizzlyExchanges.frame(stream.getRequest().getProcessingState().getHttpContext(), frame.getType(),
                            frame.getLength(), frame.getFlags(), stream.getRequest().getResponse().getStatus());
                }
            }
        }
    }

    static final class FrameAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Http2Session session, @Advice.Argument(1) Http2Frame frame) {
            Http2Stream stream = frame.getStreamId() == 0 ? null : session.getStream(frame.getStreamId());
            if (stream != null) {
                GrizzlyExchanges.frame(stream.getRequest().getProcessingState().getHttpContext(), frame.getType(),
                        frame.getLength(), frame.getFlags(), stream.getRequest().getResponse().getStatus());
            }
        }
    }
}
