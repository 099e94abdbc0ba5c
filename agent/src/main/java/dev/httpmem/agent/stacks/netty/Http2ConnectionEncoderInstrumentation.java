package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A client's request: {@code DefaultHttp2ConnectionEncoder} creates the stream of HEADERS written on a new stream
 * id, with the frame-codec/multiplex API (a child channel's first HEADERS) and the classic
 * {@code Http2ConnectionHandler} alike. On a client connection (Netty's own {@code Http2Connection.isServer()}
 * says which) that stream opens a client exchange ({@link PendingStream}), whose handling the rest of the write is.
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
        static PendingStream enter(@Advice.FieldValue("connection") Http2Connection connection,
                                   @Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) int streamId,
                                   @Advice.Argument(2) Http2Headers headers) {
            if (connection.isServer() || (streamId & 1) == 0 || connection.stream(streamId) != null) {
                return null;
            }
            return PendingStream.arm(streamId, Role.CLIENT, Connections.of(ctx.channel(), NettyInstrumentation.STACK),
                    NettyKeys.method(headers.method()), NettyKeys.text(headers.path()));
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter PendingStream pending) {
            PendingStream.disarm(pending);
        }
    }
}
