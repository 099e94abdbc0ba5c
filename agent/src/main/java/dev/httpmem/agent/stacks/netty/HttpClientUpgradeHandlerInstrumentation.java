package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Http1Pipeline;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A client's h2c Upgrade the server did not take: the response to the request that offered it comes over HTTP/1.1
 * with another status than 101, and {@code HttpClientUpgradeHandler} passes it on as such. That request's exchange
 * stays HTTP/1.1 and ends as {@code upgrade-refused} rather than completed: a client takes that path differently
 * (its next requests on the connection stay HTTP/1.1). A taken Upgrade is {@link Http2ClientUpgradeCodecInstrumentation}.
 */
final class HttpClientUpgradeHandlerInstrumentation implements TypeInstrumentation {
    private static final int SWITCHING_PROTOCOLS = 101;

    private final Relocation relocation;

    HttpClientUpgradeHandlerInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http.HttpClientUpgradeHandler"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("decode").and(takesArguments(3)), DecodeAdvice.class, relocation));
    }

    static final class DecodeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) Object message) {
            if (!(message instanceof HttpResponse response) || response.status().code() == SWITCHING_PROTOCOLS) {
                return;
            }
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            if (channel.hasAttr(key) && channel.attr(key).get() instanceof Http1Pipeline pipeline
                    && pipeline.role() == Role.CLIENT) {
                Exchange refused = pipeline.responseExchange();
                if (refused != null) {
                    refused.upgradeOffered();
                }
            }
        }
    }
}
