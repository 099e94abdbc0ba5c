package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Http1Pipeline;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A client's h2c Upgrade the server took (101): the request becomes HTTP/2 stream 1, which {@code upgradeTo} creates
 * (through {@code Http2ConnectionHandler.onHttpClientUpgrade}). Its HTTP/1.1 exchange, opened as the client wrote
 * the request, ends as upgraded (not reported), and an HTTP/2 exchange of the same request opens with the stream,
 * whose response then comes as any client stream's does. The server side is {@link HttpServerUpgradeHandlerInstrumentation}.
 */
final class Http2ClientUpgradeCodecInstrumentation implements TypeInstrumentation {
    /** The stream an upgraded request becomes. */
    private static final int UPGRADE_STREAM_ID = 1;

    private final Relocation relocation;

    Http2ClientUpgradeCodecInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http2.Http2ClientUpgradeCodec"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("upgradeTo").and(takesArguments(2)), UpgradeToAdvice.class, relocation));
    }

    static final class UpgradeToAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static PendingStream enter(@Advice.Argument(0) ChannelHandlerContext ctx) {
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            if (!channel.hasAttr(key) || !(channel.attr(key).get() instanceof Http1Pipeline pipeline)
                    || pipeline.role() != Role.CLIENT) {
                return null;
            }
            Exchange upgraded = pipeline.responseExchange();
            if (upgraded == null) {
                return null;
            }
            String method = upgraded.method();
            String path = upgraded.path();
            pipeline.upgraded();
            return PendingStream.arm(UPGRADE_STREAM_ID, Role.CLIENT, Connections.of(channel, NettyInstrumentation.STACK),
                    method, path);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter PendingStream pending) {
            PendingStream.disarm(pending);
        }
    }
}
