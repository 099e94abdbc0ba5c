package dev.httpmem.examples.netty;

import dev.httpmem.examples.common.Http2BodyPath;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * HTTP/2 with the classic API: one {@code Http2ConnectionHandler} per connection that is also the frame
 * listener, answering through its encoder on the stream the request came on. An h2c Upgrade's request arrives
 * as the upgrade event and is answered on stream 1.
 */
final class ClassicHttp2Handler extends Http2ConnectionHandler {
    private final Http2BodyPath http2Bodies;

    private ClassicHttp2Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
                                Http2BodyPath http2Bodies) {
        super(decoder, encoder, settings);
        this.http2Bodies = http2Bodies;
    }

    static ClassicHttp2Handler create(Http2BodyPath http2Bodies) {
        return new Builder(http2Bodies).build();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HttpServerUpgradeHandler.UpgradeEvent) {
            respond(ctx, 1, ((HttpServerUpgradeHandler.UpgradeEvent) event).upgradeRequest().uri());
        }
        super.userEventTriggered(ctx, event);
    }

    private void respond(ChannelHandlerContext ctx, int streamId, String target) {
        ExampleResponse answer = ExampleResponse.handle(target);
        if (answer == null) {
            return;
        }
        encoder().writeHeaders(ctx, streamId, Http2StreamHandler.headers(answer), 0, false, ctx.newPromise());
        http2Bodies.writing(answer.body());
        encoder().writeData(ctx, streamId, Unpooled.wrappedBuffer(answer.body()), 0, true, ctx.newPromise());
        flush(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Answers a request once it has ended: its HEADERS or its last DATA. */
    private final class Listener extends Http2FrameAdapter {
        private final java.util.Map<Integer, String> targets = new java.util.HashMap<>();

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            String target = String.valueOf(headers.path());
            if (endOfStream) {
                respond(ctx, streamId, target);
            } else {
                targets.put(streamId, target);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            if (endOfStream) {
                String target = targets.remove(streamId);
                if (target != null) {
                    respond(ctx, streamId, target);
                }
            }
            return data.readableBytes() + padding;
        }
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<ClassicHttp2Handler, Builder> {
        private final Http2BodyPath http2Bodies;

        Builder(Http2BodyPath http2Bodies) {
            this.http2Bodies = http2Bodies;
        }

        @Override
        public ClassicHttp2Handler build() {
            return super.build();
        }

        @Override
        protected ClassicHttp2Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                            Http2Settings initialSettings) {
            ClassicHttp2Handler handler = new ClassicHttp2Handler(decoder, encoder, initialSettings, http2Bodies);
            frameListener(handler.new Listener());
            return handler;
        }
    }
}
