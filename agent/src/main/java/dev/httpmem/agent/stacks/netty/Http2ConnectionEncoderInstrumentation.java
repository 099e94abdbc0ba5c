package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connection;
import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.netty.helpers.HttpmemNettyHelpers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A client's request: its HEADERS, which {@code DefaultHttp2ConnectionEncoder} writes with the frame-codec/multiplex
 * API (a child channel's first HEADERS) and the classic {@code Http2ConnectionHandler} alike. On a client connection
 * (Netty's own {@code Http2Connection.isServer()} says which) they open a client exchange of their stream, whose
 * handling the rest of the write is: the encoder creates the stream of HEADERS written on a new stream id, whose
 * constructor then opens it ({@link PendingStream}); a stream the application created beforehand (Vert.x) opens it
 * here.
 */
final class Http2ConnectionEncoderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2ConnectionEncoderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder"));
    }

    @Override
    public List<AdviceBinding> advice() {
        // Both public writeHeaders (with and without priority) write through this one.
        return List.of(new AdviceBinding(named("writeHeaders0").and(takesArguments(10)), HeadersAdvice.class, relocation));
    }

    static final class HeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.FieldValue("connection") Http2Connection connection,
                            @Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) int streamId,
                            @Advice.Argument(2) Http2Headers headers, @Advice.Local("pending") PendingStream pending) {
            // A client's request headers (trailers have no :method) on a stream of its own (odd).
            if (connection.isServer() || (streamId & 1) == 0) {
                return null;
            }
            CharSequence[] request = HttpmemNettyHelpers.request(headers);
            if (request == null) {
                return null;
            }
            Connection record = Connections.of(ctx.channel(), NettyInstrumentation.STACK);
            String method = NettyKeys.method(request[0]);
            String path = NettyKeys.text(request[1]);
            Http2Stream stream = connection.stream(streamId);
            if (stream == null) {
                // Created inside (Reactor Netty, the frame codec): its constructor opens the exchange.
                pending = PendingStream.arm(streamId, Role.CLIENT, record, method, path);
                return null;
            }
            // Created by the application beforehand (Vert.x): its request headers open the exchange.
            return Slices.enter(Exchanges.open(stream, NettyInstrumentation.STACK, Role.CLIENT, Exchange.HTTP_2, record,
                    streamId, method, path), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("pending") PendingStream pending) {
            Slices.exit(slices);
            PendingStream.disarm(pending);
        }
    }
}
