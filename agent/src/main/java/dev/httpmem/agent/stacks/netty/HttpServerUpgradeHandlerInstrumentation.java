package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An h2c Upgrade: the HTTP/1.1 request becomes HTTP/2 stream 1, created while {@code upgrade} runs. Its exchange
 * opens with the stream, and the rest of the upgrade (the frame codec delivering the request on stream 1, or
 * the application handling the upgrade event with the classic API) is that stream's handle slice.
 */
final class HttpServerUpgradeHandlerInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    HttpServerUpgradeHandlerInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    /** The stream an upgraded request becomes. */
    private static final int UPGRADE_STREAM_ID = 1;

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http.HttpServerUpgradeHandler"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("upgrade").and(takesArguments(2)), UpgradeAdvice.class, relocation));
    }

    static final class UpgradeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static PendingStream enter(@Advice.Argument(0) ChannelHandlerContext ctx,
                                   @Advice.Argument(1) FullHttpRequest request) {
            Channel channel = ctx.channel();
            return PendingStream.arm(UPGRADE_STREAM_ID, Role.SERVER, Connections.of(channel, NettyInstrumentation.STACK),
                    request.method().name(), request.uri());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter PendingStream pending) {
            PendingStream.disarm(pending);
        }
    }
}
