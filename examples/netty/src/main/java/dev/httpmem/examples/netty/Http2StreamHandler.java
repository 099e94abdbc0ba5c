package dev.httpmem.examples.netty;

import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ScenarioHooks;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/2 stream with the frame-codec/multiplex API: the handler of the stream's child channel, which answers
 * once the request has ended; a request that fails in the scenario hook resets its stream.
 */
final class Http2StreamHandler extends ChannelInboundHandlerAdapter {
    private final ScenarioHooks hooks;
    private String target;

    Http2StreamHandler(ScenarioHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof Http2HeadersFrame headers) {
                
                if (target == null) {
                    target = String.valueOf(headers.headers().path());
                    CharSequence fail = headers.headers().get(ConnectionStates.FAIL_HEADER);
                    try {
                        hooks.requestHeaders(ctx.channel().parent(), true, fail == null ? null : fail.toString());
                    } catch (ScenarioHooks.PlantedFailure failure) {
                        NettyExampleServer.keepOpenIfKept(ctx.channel().parent(), hooks);
                        throw failure;
                    }
                }
                if (headers.isEndStream()) {
                    respond(ctx);
                }
            } else if (message instanceof Http2DataFrame http2DataFrame && http2DataFrame.isEndStream()) {
                respond(ctx);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void respond(ChannelHandlerContext ctx) {
        ExampleResponse answer = ExampleResponse.handle(target, hooks);
        if (answer == null) {
            return;
        }
        ctx.write(new DefaultHttp2HeadersFrame(headers(answer)));
        hooks.writingHttp2Body(answer.body());
        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(answer.body()), true));
    }

    static Http2Headers headers(ExampleResponse answer) {
        return new DefaultHttp2Headers()
                .status(Integer.toString(answer.status()))
                .set("content-type", answer.contentType())
                .setInt("content-length", answer.body().length);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
