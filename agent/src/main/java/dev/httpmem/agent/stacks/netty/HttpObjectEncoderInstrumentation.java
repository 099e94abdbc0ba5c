package dev.httpmem.agent.stacks.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Http1Pipeline;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.netty.helpers.HttpmemNettyHelpers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
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
 *
 * <p>Requests as a client encodes them ({@code HttpRequestEncoder}, alone or inside {@code HttpClientCodec}): a
 * request head opens a client exchange keyed by the request object (the channel's {@link Http1Pipeline} holds it
 * until the exchange ends), and it and its content are body writes of the newest exchange. The codec's own type
 * is what tells a client's channel from a server's.
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
            boolean client = encoder instanceof HttpRequestEncoder;
            if (!client && !(encoder instanceof HttpResponseEncoder)) {
                return null;
            }
            Channel channel = ctx.channel();
            AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
            Object attached = channel.hasAttr(key) ? channel.attr(key).get() : null;
            if (client) {
                // A client's request opens its exchange, numbered in the order requests are written; the pipeline
                // learns its reader as the response decoder first decodes.
                Http1Pipeline requests;
                if (attached instanceof Http1Pipeline http1Pipeline) {
                    requests = http1Pipeline;
                } else if (message instanceof HttpRequest) {
                    requests = new Http1Pipeline(NettyInstrumentation.STACK, Role.CLIENT,
                            Connections.of(channel, NettyInstrumentation.STACK), null);
                    channel.attr(key).set(requests);
                } else {
                    return null;
                }
                Exchange exchange = message instanceof HttpRequest request
                        ? requests.open(request, request.method().name(), request.uri())
                        : requests.requestExchange();
                return Slices.enterBody(exchange, HttpmemNettyHelpers.bodyBytes(message), message instanceof LastHttpContent);
            }
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
            boolean last = !informational && message instanceof LastHttpContent;
            ending = last ? exchange : null;
            return Slices.enterBody(exchange, HttpmemNettyHelpers.bodyBytes(message), last);
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
