package dev.httpmem.agent.stacks.netty.helpers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.Map;

/**
 * What Netty's advice shares, defined beside Netty's HTTP/2 classes in each loader that has them (see
 * {@link dev.httpmem.agent.stacks.Helpers}).
 */
public final class HttpmemNettyHelpers {
    private HttpmemNettyHelpers() {}

    /**
     * Stream {@code streamId} of the HTTP/2 connection a frame writer writes to through {@code ctx}, or null: the
     * context is its {@code Http2ConnectionHandler}'s, or one after it in the pipeline (a multiplex child's writes).
     */
    public static Http2Stream stream(ChannelHandlerContext ctx, int streamId) {
        if (streamId == 0) {
            return null;
        }
        ChannelHandler handler = ctx.handler();
        Http2ConnectionHandler http2 = handler instanceof Http2ConnectionHandler http2ConnectionHandler
                ? http2ConnectionHandler : ctx.pipeline().get(Http2ConnectionHandler.class);
        return http2 == null ? null : http2.connection().stream(streamId);
    }

    /** The body bytes an HTTP/1.1 message written carries: content, a raw buffer or a file region. */
    public static long bodyBytes(Object message) {
        return message instanceof ByteBufHolder byteBufHolder ? byteBufHolder.content().readableBytes()
                : message instanceof ByteBuf byteBuf ? byteBuf.readableBytes()
                : message instanceof FileRegion fileRegion ? fileRegion.count() : 0;
    }

    /**
     * The {@code :method} and {@code :path} of request HEADERS a client writes, or null when they carry no
     * {@code :method} (trailers). Read by iterating, which every {@code Http2Headers} answers: gRPC's client headers
     * answer {@code method()} and {@code path()} with an UnsupportedOperationException.
     */
    public static CharSequence[] request(Http2Headers headers) {
        CharSequence method = null;
        CharSequence path = null;
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            CharSequence name = header.getKey();
            if (":method".contentEquals(name)) {
                method = header.getValue();
            } else if (":path".contentEquals(name)) {
                path = header.getValue();
            }
            if (method != null && path != null) {
                break;
            }
        }
        return method == null ? null : new CharSequence[] {method, path};
    }
}
