package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Http1Pipeline;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * HTTP/1.1 responses as a server encodes them ({@code HttpResponseEncoder}, alone or inside
 * {@code HttpServerCodec}): every message written is a body write of the oldest open exchange (the response
 * head carries its status; content and raw buffers their bytes), and the last content ends the exchange. A 101
 * ends it as upgraded; other 1xx heads are not its response.
 */
final class HttpObjectEncoderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    HttpObjectEncoderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http.HttpObjectEncoder"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("write").and(takesArguments(3)), WriteAdvice.class, relocation));
    }

    static final class WriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static Slices enter(@Advice.This Object encoder, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Argument(1) Object message, @Advice.Local("pipeline") Http1Pipeline pipeline,
                            @Advice.Local("ending") Exchange ending) {
            if (!(encoder instanceof HttpResponseEncoder)) {
                return null;
            }
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            if (!channel.hasAttr(key)) {
                return null;
            }
            Object attached = channel.attr(key).get();
            if (!(attached instanceof Http1Pipeline http1Pipeline)) {
                return null;
            }
            pipeline = http1Pipeline;
            Exchange exchange;
            boolean informational = false;
            if (message instanceof HttpResponse httpResponse) {
                int status = httpResponse.status().code();
                if (status == 101) {
                    pipeline.upgraded();
                    return null;
                }
                informational = status >= 100 && status < 200;
                exchange = informational ? pipeline.responseExchange() : pipeline.responseStarts();
                if (exchange != null && !informational) {
                    exchange.status(status);
                }
            } else {
                exchange = pipeline.responseExchange();
            }
            long bytes = message instanceof ByteBufHolder byteBufHolder ? byteBufHolder.content().readableBytes()
                    : message instanceof ByteBuf byteBuf ? byteBuf.readableBytes()
                    : message instanceof FileRegion fileRegion ? fileRegion.count() : 0;
            boolean last = !informational && message instanceof LastHttpContent;
            ending = last ? exchange : null;
            return Slices.enterBody(exchange, bytes, last);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Local("pipeline") Http1Pipeline pipeline,
                         @Advice.Local("ending") Exchange ending) {
            Slices.exit(slices);
            if (ending != null) {
                pipeline.responseEnds(ending);
            }
        }
    }
}
