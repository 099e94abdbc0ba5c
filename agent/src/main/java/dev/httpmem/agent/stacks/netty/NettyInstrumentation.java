package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * Netty 4.1 and 4.2 servers. An HTTP/1.1 exchange is a request decoded by {@code HttpRequestDecoder} (alone or in
 * {@code HttpServerCodec}), keyed by the request object and numbered per connection, from its decoding to its
 * last response write; an HTTP/2 exchange is a {@code DefaultHttp2Connection.DefaultStream}, from its creation
 * for the request HEADERS (or the h2c Upgrade) to its close, with the frame-codec/multiplex API and the classic
 * {@code Http2ConnectionHandler} alike. A connection is identified by its channel (identity hash and the hash
 * of its {@code ChannelId}).
 *
 * <p>The HTTP/2 code httpmem instruments is the same in 4.1 and 4.2; in HTTP/1.1 only private details differ
 * (4.2's {@code HttpServerCodec} packs its queue of request methods into a long), and 4.2 moved
 * {@code ByteToMessageDecoder} from netty-codec to netty-codec-base, in the same package.
 */
public final class NettyInstrumentation implements StackInstrumentation {
    static final String STACK = "netty";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "io.netty.handler.codec.http.HttpObjectDecoder";
    }

    @Override
    public List<String> landmarkClasses() {
        // In 4.1 (since 4.1.102) and 4.2; not in 4.0 or older 4.1 releases. Netty 5 lives in io.netty5.
        return List.of("io.netty.handler.codec.http.HttpDecoderConfig");
    }

    @Override
    public String supportedVersions() {
        return "Netty 4.1.102+, 4.2";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpObjectDecoderInstrumentation(), new ByteToMessageDecoderInstrumentation(),
                new HttpObjectEncoderInstrumentation(), new HttpServerUpgradeHandlerInstrumentation(), new VertxUpgradeHandlerInstrumentation(),
                new Http2FrameReadListenerInstrumentation(), new Http2StreamInstrumentation(),
                new Http2FrameWriterInstrumentation(), new Http2HeadersEncoderInstrumentation(),
                new Http2StreamChannelInstrumentation(),
                new Http2ChannelUnsafeInstrumentation(), new ChannelCloseFutureInstrumentation(),
                new ChannelHandlerContextInstrumentation(), new Http2ConnectionHandlerInstrumentation(),
                new NioByteUnsafeInstrumentation(), new NioUnsafeInstrumentation(),
                new NioMessageUnsafeInstrumentation(), new ChannelRegistrationInstrumentation(),
                new Http2FrameReaderInstrumentation());
    }
}
