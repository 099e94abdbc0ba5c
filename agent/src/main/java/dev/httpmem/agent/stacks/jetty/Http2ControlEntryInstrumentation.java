package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.HTTP2Stream;
import org.eclipse.jetty.http2.frames.Frame;
import org.eclipse.jetty.http2.frames.HeadersFrame;

/**
 * Every other frame generated for a stream (HEADERS, RST_STREAM, ...); the response HEADERS carry the status.
 * Connection-level frames have no stream and are not an exchange's.
 */
final class Http2ControlEntryInstrumentation implements TypeInstrumentation {
    /** The frame header, which the frame's byte count includes. */
    private static final int FRAME_HEADER = 9;

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.HTTP2Session$ControlEntry");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("generate").and(takesArguments(1)), GenerateAdvice.class));
    }

    static final class GenerateAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("stream") HTTP2Stream stream, @Advice.FieldValue("frame") Frame frame) {
            MetaData metaData = frame instanceof HeadersFrame headersFrame ? headersFrame.getMetaData() : null;
            return Slices.enterFrame(stream, null,
                    metaData instanceof MetaData.Response response ? response.getStatus() : 0,
                    frame.getType().name());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.FieldValue("frameBytes") int frameBytes,
                         @Advice.FieldValue("frame") Frame frame) {
            boolean endStream = frame instanceof HeadersFrame headersFrame && headersFrame.isEndStream();
            Slices.exitFrame(slices, Math.max(0, frameBytes - FRAME_HEADER), endStream);
        }
    }
}
