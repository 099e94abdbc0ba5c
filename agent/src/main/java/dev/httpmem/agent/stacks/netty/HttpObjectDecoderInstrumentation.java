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
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * HTTP/1.1 requests as a server decodes them ({@code HttpRequestDecoder}, alone or inside {@code HttpServerCodec}):
 * an exchange per decoded request, keyed by the request object, numbered per connection in the connection's
 * {@link Http1Pipeline}; request body bytes; and every open exchange ends when the decoder leaves the pipeline
 * (the connection closed, or it switched protocols). Responses as a client decodes them ({@code HttpResponseDecoder},
 * alone or inside {@code HttpClientCodec}) are the oldest open request's, which {@link HttpObjectEncoderInstrumentation}
 * opened as the client wrote it: their status and body bytes, and the last content ends the exchange once the
 * application has handled it ({@link ByteToMessageDecoderInstrumentation}).
 */
final class HttpObjectDecoderInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    HttpObjectDecoderInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("io.netty.handler.codec.http.HttpObjectDecoder"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("decode").and(takesArguments(3)), DecodeAdvice.class, relocation),
                new AdviceBinding(named("handlerRemoved0").and(takesArguments(1)), HandlerRemovedAdvice.class, relocation));
    }

    /**
     * Decoding is pending work (see {@link Slices#enterPending}): the exchange whose request (a server's) or response
     * (a client's) it yields or reads the body of takes it, start line and header parsing included.
     */
    static final class DecodeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings("UnusedVariable") // the exit advice reads the local this one sets
        static int enter(@Advice.Argument(2) List<Object> out, @Advice.Local("pending") Slices pending) {
            pending = Slices.enterPending();
            return out.size();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object decoder, @Advice.Argument(0) ChannelHandlerContext ctx,
                         @Advice.Argument(2) List<Object> out, @Advice.Enter int before,
                         @Advice.Local("pending") Slices pending) {
            try {
                int after = out.size();
                if (after <= before) {
                    return;
                }
                if (decoder instanceof HttpResponseDecoder) {
                    // A client's channel: its pipeline was made as it wrote its first request.
                    Channel channel = ctx.channel();
                    AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
                    if (channel.hasAttr(key) && channel.attr(key).get() instanceof Http1Pipeline http1Pipeline) {
                        http1Pipeline.reader(ctx);
                        for (int i = before; i < after; i++) {
                            Object message = out.get(i);
                            Exchange exchange = null;
                            if (message instanceof HttpResponse response) {
                                int status = response.status().code();
                                // A 1xx head (100 Continue) precedes the response, which is still to come.
                                if (status >= 200) {
                                    exchange = http1Pipeline.responseStarts();
                                    if (exchange != null) {
                                        exchange.status(status);
                                    }
                                } else {
                                    exchange = http1Pipeline.responseExchange();
                                }
                            }
                            if (message instanceof HttpContent httpContent) {
                                exchange = http1Pipeline.responseExchange();
                                if (exchange != null) {
                                    exchange.requestBody(httpContent.content().readableBytes());
                                    if (message instanceof LastHttpContent) {
                                        http1Pipeline.responseRead(exchange);
                                    }
                                }
                            }
                            Slices.adopt(exchange);
                        }
                    }
                    return;
                }
                if (!(decoder instanceof HttpRequestDecoder)) {
                    return;
                }
                Attribute<Object> attribute = null;
                Http1Pipeline pipeline = null;
                for (int i = before; i < after; i++) {
                    Object message = out.get(i);
                    if (pipeline == null) {
                        if (attribute == null) {
                            attribute = ctx.channel().attr(AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE));
                        }
                        Object attached = attribute.get();
                        if (attached instanceof Http1Pipeline http1Pipeline) {
                            pipeline = http1Pipeline;
                        } else if (message instanceof HttpRequest) {
                            Channel channel = ctx.channel();
                            pipeline = new Http1Pipeline(NettyInstrumentation.STACK, Role.SERVER,
                                    Connections.of(channel, NettyInstrumentation.STACK), ctx);
                            attribute.set(pipeline);
                        } else {
                            continue;
                        }
                    }
                    if (message instanceof HttpRequest request) {
                        String method = request.method().name();
                        // "PRI * HTTP/2.0" is the h2c prior-knowledge preface, not a request.
                        if (!"PRI".equals(method)) {
                            Slices.adopt(pipeline.open(request, method, request.uri()));
                        }
                    }
                    if (message instanceof HttpContent httpContent) {
                        Exchange exchange = pipeline.requestExchange();
                        if (exchange != null) {
                            Slices.adopt(exchange);
                            exchange.requestBody(httpContent.content().readableBytes());
                        }
                    }
                }
            } finally {
                Slices.exit(pending);
            }
        }
    }

    static final class HandlerRemovedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object decoder, @Advice.Argument(0) ChannelHandlerContext ctx) {
            if (decoder instanceof HttpRequestDecoder || decoder instanceof HttpResponseDecoder) {
                Channel channel = ctx.channel();
                AttributeKey<Object> key = AttributeKey.valueOf(NettyKeys.HTTP1_PIPELINE);
                if (channel.hasAttr(key)) {
                    Object attached = channel.attr(key).getAndSet(null);
                    if (attached instanceof Http1Pipeline http1Pipeline) {
                        http1Pipeline.close();
                    }
                }
            }
        }
    }
}
