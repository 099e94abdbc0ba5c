package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.stacks.Helpers;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.StackPackages;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import dev.httpmem.agent.stacks.netty.helpers.HttpmemNettyHelpers;
import java.util.List;

/**
 * Netty 4.1 and 4.2 servers and clients. A server's HTTP/1.1 exchange is a request decoded by
 * {@code HttpRequestDecoder} (alone or in {@code HttpServerCodec}), keyed by the request object and numbered per connection, from its decoding to its
 * last response write; an HTTP/2 exchange is a {@code DefaultHttp2Connection.DefaultStream}, from its creation
 * for the request HEADERS (or the h2c Upgrade) to its close, with the frame-codec/multiplex API and the classic
 * {@code Http2ConnectionHandler} alike. A connection is identified by its channel (identity hash and the hash
 * of its {@code ChannelId}). A client's exchanges are the requests it writes: an HTTP/1.1 request encoded by
 * {@code HttpRequestEncoder} (alone or in {@code HttpClientCodec}) until its response's last content is read and
 * handled, and an HTTP/2 stream it creates by writing HEADERS until the stream closes (END_STREAM both ways, or
 * reset).
 *
 * <p>The HTTP/2 code httpmem instruments is the same in 4.1 and 4.2; in HTTP/1.1 only private details differ
 * (4.2's {@code HttpServerCodec} packs its queue of request methods into a long), and 4.2 moved
 * {@code ByteToMessageDecoder} from netty-codec to netty-codec-base, in the same package.
 *
 * <p>gRPC-java's {@code grpc-netty-shaded} carries its own Netty under {@code io.grpc.netty.shaded.io.netty.}: the
 * same instrumentation is woven into it renamed, under the same stack name, since it is the same code.
 */
public final class NettyInstrumentation implements StackInstrumentation {
    static final String STACK = "netty";

    /** Netty's own packages. */
    public static final StackPackages NETTY = new StackPackages(Relocation.NONE, "Netty 4.1.80+, 4.2");
    /** gRPC's shaded copy of Netty. */
    public static final StackPackages GRPC_SHADED = new StackPackages(
            new Relocation("io.netty.", "io.grpc.netty.shaded.io.netty."), "grpc-netty-shaded with Netty 4.1.80+");

    private final StackPackages packages;

    public NettyInstrumentation(StackPackages packages) {
        this.packages = packages;
    }

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return packages.relocation().name("io.netty.handler.codec.http.HttpObjectDecoder");
    }

    @Override
    public List<String> landmarkClasses() {
        // New in 4.1.80, with HttpObjectEncoder#write, where a response is measured: before it the encoder
        // inherits MessageToMessageEncoder's, which every encoder shares. Netty 5 lives in io.netty5.
        return List.of(packages.relocation().name("io.netty.handler.codec.http.multipart.AbstractMixedHttpData"));
    }

    @Override
    public String supportedVersions() {
        return packages.supportedVersions();
    }

    @Override
    public Helpers helpers() {
        // In netty-codec-http, which every Netty this instruments has (netty-codec-http2 may be absent); no advice
        // instruments it.
        return new Helpers(packages.relocation(), "io.netty.handler.codec.http.HttpHeaderNames",
                List.of(HttpmemNettyHelpers.class));
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        Relocation relocation = packages.relocation();
        return List.of(new HttpObjectDecoderInstrumentation(relocation), new ByteToMessageDecoderInstrumentation(relocation),
                new HttpObjectEncoderInstrumentation(relocation), new HttpServerUpgradeHandlerInstrumentation(relocation),
                new Http2ClientUpgradeCodecInstrumentation(relocation), new HttpClientUpgradeHandlerInstrumentation(relocation),
                new VertxUpgradeHandlerInstrumentation(relocation),
                new Http2FrameReadListenerInstrumentation(relocation), new Http2StreamInstrumentation(relocation),
                new Http2FrameWriterInstrumentation(relocation), new Http2HeadersEncoderInstrumentation(relocation),
                new Http2StreamChannelInstrumentation(relocation),
                new Http2ChannelUnsafeInstrumentation(relocation), new ChannelCloseFutureInstrumentation(relocation),
                new ChannelHandlerContextInstrumentation(relocation), new Http2ConnectionHandlerInstrumentation(relocation),
                new NioByteUnsafeInstrumentation(relocation), new NioUnsafeInstrumentation(relocation),
                new NioMessageUnsafeInstrumentation(relocation), new ChannelRegistrationInstrumentation(relocation),
                new Http2FrameReaderInstrumentation(relocation), new Http2ConnectionEncoderInstrumentation(relocation));
    }
}
