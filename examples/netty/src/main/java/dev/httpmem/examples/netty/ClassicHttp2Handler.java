package dev.httpmem.examples.netty;

import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ScenarioHooks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * HTTP/2 with the classic API: one {@code Http2ConnectionHandler} per connection that is also the frame
 * listener, answering through its encoder on the stream the request came on. An h2c Upgrade's request arrives
 * as the upgrade event and is answered on stream 1. A request that fails in the scenario hook is a stream error:
 * the stream is reset.
 */
final class ClassicHttp2Handler extends Http2ConnectionHandler {
    private final ScenarioHooks hooks;

    private ClassicHttp2Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
                                ScenarioHooks hooks) {
        super(decoder, encoder, settings);
        this.hooks = hooks;
    }

    static ClassicHttp2Handler create(ScenarioHooks hooks) {
        return new Builder(hooks).build();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HttpServerUpgradeHandler.UpgradeEvent upgradeEvent) {
            respond(ctx, 1, upgradeEvent.upgradeRequest().uri());
        }
        super.userEventTriggered(ctx, event);
    }

    private void respond(ChannelHandlerContext ctx, int streamId, String target) {
        ExampleResponse answer = ExampleResponse.handle(target, hooks);
        if (answer == null) {
            return;
        }
        encoder().writeHeaders(ctx, streamId, Http2StreamHandler.headers(answer), 0, false, ctx.newPromise());
        hooks.writingHttp2Body(answer.body());
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
                                  boolean endOfStream) throws Http2Exception {
            CharSequence fail = headers.get(ConnectionStates.FAIL_HEADER);
            try {
                hooks.requestHeaders(ctx.channel(), true, fail == null ? null : fail.toString());
            } catch (ScenarioHooks.PlantedFailure failure) {
                NettyExampleServer.keepOpenIfKept(ctx.channel(), hooks);
                throw Http2Exception.streamError(streamId, Http2Error.INTERNAL_ERROR, failure, "%s", failure.getMessage());
            }
            String target = String.valueOf(headers.path());
            if (endOfStream) {
                respond(ctx, streamId, target);
            } else {
                targets.put(streamId, target);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream)
                throws Http2Exception {
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
        private final ScenarioHooks hooks;

        Builder(ScenarioHooks hooks) {
            this.hooks = hooks;
        }

        @Override
        public ClassicHttp2Handler build() {
            return super.build();
        }

        @Override
        protected ClassicHttp2Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                            Http2Settings initialSettings) {
            ClassicHttp2Handler handler = new ClassicHttp2Handler(decoder, encoder, initialSettings, hooks);
            frameListener(handler.new Listener());
            return handler;
        }
    }
}
