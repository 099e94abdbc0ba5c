package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Vert.x's own h2c Upgrade handler (4.x and 5.x), which upgrades a connection without Netty's
 * {@code HttpServerUpgradeHandler}: it tells its {@code Http2ConnectionHandler} of the upgrade, which creates
 * stream 1, and hands the request's headers to it itself. As for Netty's upgrade handler, the request read is armed
 * as stream 1's, whose exchange opens with the stream; a request that is no Upgrade creates no stream and is left to
 * the HTTP/1.1 hooks.
 */
final class VertxUpgradeHandlerInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    VertxUpgradeHandlerInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    /** The stream an upgraded request becomes. */
    private static final int UPGRADE_STREAM_ID = 1;

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.vertx.core.http.impl.Http1xUpgradeToH2CHandler"));
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("channelRead").and(takesArguments(2)), UpgradeAdvice.class, relocation));
    }

    static final class UpgradeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static PendingStream enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) Object message) {
            return message instanceof HttpRequest request
                    ? PendingStream.arm(UPGRADE_STREAM_ID, Role.SERVER, Connections.of(ctx.channel(), NettyInstrumentation.STACK),
                    request.method().name(), request.uri())
                    : null;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter PendingStream pending) {
            PendingStream.disarm(pending);
        }
    }
}
