package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A stream error the connection handler is about to reset a stream for: what a frame listener threw while
 * reading the stream's frames (the classic API, where no child channel catches it) fails its exchange; a stream
 * refused before it was created (its headers broke the protocol) is a failed exchange of its own.
 */
final class Http2ConnectionHandlerInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    Http2ConnectionHandlerInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.Http2ConnectionHandler"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("onStreamError").and(takesArguments(4)), StreamErrorAdvice.class, relocation));
    }

    static final class StreamErrorAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Http2ConnectionHandler handler, @Advice.Argument(0) ChannelHandlerContext ctx,
                          @Advice.Argument(2) Throwable cause, @Advice.Argument(3) Http2Exception.StreamException error) {
            Http2Connection connection = handler.connection();
            int streamId = error.streamId();
            Http2Stream stream = connection.stream(streamId);
            if (stream != null) {
                Exchanges.failed(stream, cause);
            } else if (connection.isServer() && (streamId & 1) == 1) {
                // Refused before the stream was created: its headers broke the protocol.
                Exchanges.rejected(NettyInstrumentation.STACK, Exchange.HTTP_2,
                        Connections.of(ctx.channel(), NettyInstrumentation.STACK), streamId, cause.getClass().getName());
            }
        }
    }
}
