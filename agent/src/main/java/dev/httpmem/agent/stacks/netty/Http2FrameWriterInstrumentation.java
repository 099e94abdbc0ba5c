package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.netty.helpers.HttpmemNettyHelpers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Frames written for a stream by {@code DefaultHttp2FrameWriter}, which both HTTP/2 APIs write through: each
 * call is a frame slice of the stream's exchange, found from the writer's (context, stream id) through the
 * connection of the context's {@code Http2ConnectionHandler} ({@link HttpmemNettyHelpers#stream}). DATA reports the payload it was given (one call
 * may be cut into several frames of at most SETTINGS_MAX_FRAME_SIZE) and END_STREAM; response HEADERS carry
 * the status, and their payload is the header block the encoder writes inside them
 * ({@link Http2HeadersEncoderInstrumentation}); RST_STREAM ends the exchange as reset.
 * Connection-level frames (stream 0) are no exchange's.
 */
final class Http2FrameWriterInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2FrameWriterInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2FrameWriter"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("writeData").and(takesArguments(6)), DataAdvice.class, relocation),
                // Both writeHeaders overloads (with and without priority) write through this one.
                new AdviceBinding(named("writeHeadersInternal").and(takesArguments(10)), HeadersAdvice.class, relocation),
                new AdviceBinding(named("writeRstStream").and(takesArguments(4))
                        .or(named("writeWindowUpdate").and(takesArguments(4))), StreamControlAdvice.class, relocation));
    }

    static final class DataAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) int streamId,
                            @Advice.Argument(2) ByteBuf data, @Advice.Local("bytes") int bytes) {
            bytes = data.readableBytes();
            Http2Stream stream = HttpmemNettyHelpers.stream(ctx, streamId);
            return stream == null ? null : Slices.enterFrame(stream, null, 0, "DATA");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("bytes") int bytes,
                         @Advice.Argument(4) boolean endStream) {
            Slices.exitFrame(slices, bytes, endStream);
        }
    }

    static final class HeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) int streamId,
                            @Advice.Argument(2) Http2Headers headers) {
            Http2Stream stream = HttpmemNettyHelpers.stream(ctx, streamId);
            return stream == null ? null : Slices.enterFrame(stream, null, NettyKeys.status(headers.status()), "HEADERS");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(4) boolean endStream) {
            Slices.exitFrame(slices, endStream);
        }
    }

    /** RST_STREAM and a stream's WINDOW_UPDATE: 4 bytes of payload each. */
    static final class StreamControlAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.Origin("#m") String method, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Argument(1) int streamId, @Advice.Local("reset") Http2Stream reset) {
            Http2Stream stream = HttpmemNettyHelpers.stream(ctx, streamId);
            if (stream == null) {
                return null;
            }
            boolean rstStream = method.equals("writeRstStream");
            reset = rstStream ? stream : null;
            return Slices.enterFrame(stream, null, 0, rstStream ? "RST_STREAM" : "WINDOW_UPDATE");
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("reset") Http2Stream reset) {
            Slices.exitFrame(slices, 4, false);
            if (reset != null) {
                Exchanges.end(reset, Outcome.RESET);
            }
        }
    }
}
