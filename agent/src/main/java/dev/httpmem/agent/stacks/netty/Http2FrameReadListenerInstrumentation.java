package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every HTTP/2 frame a connection reads, with the frame-codec/multiplex API and the classic
 * {@code Http2ConnectionHandler} alike, passes {@code DefaultHttp2ConnectionDecoder}'s listener before the
 * application's. A request's HEADERS open its exchange on a server (with the stream they create, see
 * {@link PendingStream}); on a client, a response's HEADERS carry its status, and END_STREAM read is its end;
 * HEADERS and DATA are handle slices of their stream around everything that follows them, the application
 * included; RST_STREAM ends the exchange as reset.
 */
final class Http2FrameReadListenerInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2FrameReadListenerInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener"));
    }

    @Override
    public List<AdviceBinding> advice() {
        // The 5-argument onHeadersRead calls this 8-argument one.
        return List.of(
                new AdviceBinding(named("onHeadersRead").and(takesArguments(8)), HeadersAdvice.class, relocation),
                new AdviceBinding(named("onDataRead").and(takesArguments(5)), DataAdvice.class, relocation),
                new AdviceBinding(named("onRstStreamRead").and(takesArguments(3)), RstStreamAdvice.class, relocation));
    }

    static final class HeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") Http2ConnectionDecoder decoder,
                            @Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) int streamId,
                            @Advice.Argument(2) Http2Headers headers, @Advice.Argument(7) boolean endOfStream,
                            @Advice.Local("pending") PendingStream pending) {
            Http2Connection connection = decoder.connection();
            Http2Stream stream = connection.stream(streamId);
            if (stream != null) {
                if (!connection.isServer()) {
                    // A client reads its response: the status, and maybe its end, in the headers.
                    int status = NettyKeys.status(headers.status());
                    // A 1xx head precedes the response; trailers carry no status.
                    if (status >= 200) {
                        Exchanges.status(stream, status);
                    }
                    if (endOfStream) {
                        Exchanges.responseRead(stream);
                    }
                }
                return Slices.enterExchangeOf(stream, SliceKind.HANDLE);
            }
            // A client's request on a new stream: the stream is created inside, and opens the exchange.
            if (connection.isServer() && (streamId & 1) == 1) {
                Channel channel = ctx.channel();
                pending = PendingStream.arm(streamId, Role.SERVER, Connections.of(channel, NettyInstrumentation.STACK),
                        NettyKeys.method(headers.method()), NettyKeys.text(headers.path()));
            }
            return null;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("pending") PendingStream pending) {
            Slices.exit(slices);
            PendingStream.disarm(pending);
        }
    }

    static final class DataAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") Http2ConnectionDecoder decoder,
                            @Advice.Argument(1) int streamId, @Advice.Argument(2) ByteBuf data,
                            @Advice.Argument(4) boolean endOfStream) {
            Http2Connection connection = decoder.connection();
            Http2Stream stream = connection.stream(streamId);
            if (stream == null) {
                return null;
            }
            if (endOfStream && !connection.isServer()) {
                Exchanges.responseRead(stream);
            }
            // The body read: a server's request's, a client's response's.
            return Slices.enterRequestBody(stream, data.readableBytes());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class RstStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Http2ConnectionDecoder decoder, @Advice.Argument(1) int streamId) {
            Http2Stream stream = decoder.connection().stream(streamId);
            if (stream != null) {
                Exchanges.end(stream, Outcome.RESET);
            }
        }
    }
}
