package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.protocols.http2.Http2DataStreamSinkChannel;
import io.undertow.server.protocol.framed.SendFrameHeader;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The frames a stream's response channel generates on its connection's I/O thread when the connection flushes:
 * its HEADERS on the first call, then at most one DATA frame per call (none while flow control holds it back). A
 * frame slice of the stream's exchange, its frames told from the frame headers it returns.
 */
final class Http2DataStreamSinkChannelInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.protocols.http2.Http2DataStreamSinkChannel");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("createFrameHeaderImpl").and(takesArguments(0)), FramesAdvice.class));
    }

    static final class FramesAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Http2DataStreamSinkChannel stream) {
            return Slices.enterFrame(stream.getHeaders(), null, 0, null);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.This Http2DataStreamSinkChannel stream,
                         @Advice.Return SendFrameHeader frames) {
            PooledByteBuffer headers = frames == null ? null : frames.getByteBuffer();
            UndertowFrames.written(slices, stream.getHeaders(), headers == null ? null : headers.getBuffer());
        }
    }
}
