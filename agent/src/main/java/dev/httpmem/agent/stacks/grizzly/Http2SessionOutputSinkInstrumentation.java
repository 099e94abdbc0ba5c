package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.Http2Frames;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.grizzly.helpers.HttpmemGrizzlyHelpers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http2.Http2Stream;
import org.glassfish.grizzly.http2.frames.Http2Frame;

/**
 * Every HEADERS block and DATA chunk a stream sends is handed to its connection here, with the stream: they are its
 * exchange's response, told with their payload, END_STREAM and the response's status. They are told here rather
 * than where frames are serialized, because flow control may hold DATA back until a WINDOW_UPDATE, by when Grizzly
 * may have recycled the stream's request (for another stream, even) and dropped the stream from its session, and a
 * frame names only its stream id; so a DATA write here is a chunk as the stream wrote it, before the connection cuts
 * it to the peer's frame size.
 */
final class Http2SessionOutputSinkInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.http2.Http2SessionOutputSink");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("writeDataDownStream").and(takesArguments(6))
                .and(takesArgument(0, named("org.glassfish.grizzly.http2.Http2Stream"))), WriteAdvice.class));
    }

    static final class WriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Http2Stream stream, @Advice.Argument(1) List<Http2Frame> headerFrames,
                          @Advice.Argument(2) Buffer data, @Advice.Argument(5) boolean last) {
            if (headerFrames != null) {
                // The status goes with the headers, which come before any DATA: DATA chunks need no lookup of it.
                int status = HttpmemGrizzlyHelpers.status(stream);
                for (Http2Frame frame : headerFrames) {
                    GrizzlyExchanges.frame(stream, frame.getType(), frame.getLength(), frame.getFlags(), status);
                }
            }
            if (data != null) {
                GrizzlyExchanges.frame(stream, Http2Frames.DATA, data.remaining(), last ? Http2Frames.END_STREAM : 0, 0);
            }
        }
    }
}
