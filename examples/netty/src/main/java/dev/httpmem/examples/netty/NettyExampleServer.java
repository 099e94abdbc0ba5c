package dev.httpmem.examples.netty;

import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.ExampleServerOptions.StackOption;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty with HTTP/1.1 and h2c (prior knowledge and Upgrade) on one port, and h2 or HTTP/1.1 over TLS (ALPN, the
 * JDK's TLS) on another. {@code --h2-api multiplex} (the default) serves HTTP/2 with {@code Http2FrameCodec} and
 * {@code Http2MultiplexHandler}, a child channel per stream; {@code --h2-api classic} with an
 * {@code Http2ConnectionHandler} that is its own frame listener. Builds unchanged against Netty 4.1 and 4.2.
 */
public final class NettyExampleServer {
    private static final int MAX_UPGRADE_REQUEST = 64 * 1024;
    private static final StackOption H2_API = new StackOption("--h2-api", List.of("multiplex", "classic"),
            "serve HTTP/2 with a child channel per stream, or a classic Http2ConnectionHandler");

    private final boolean classic;
    private final ScenarioHooks hooks;

    private NettyExampleServer(boolean classic, ScenarioHooks hooks) {
        this.classic = classic;
        this.hooks = hooks;
    }

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("netty", args, H2_API);
        new NettyExampleServer(options.value(H2_API).equals("classic"), ScenarioHooks.of(options, "netty",
                EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.CONNECTION_LEAK, Scenario.BURST,
                        Scenario.H2_OFFHEAP_GROWTH))).run(options);
    }

    @SuppressWarnings("deprecation") // NioEventLoopGroup: 4.2 prefers MultiThreadIoEventLoopGroup, which 4.1 lacks
    private void run(ExampleServerOptions options) throws Exception {
        SslContext tls = sslContext();
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(4);
        Channel plain = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        configureCleartext(channel.pipeline());
                    }
                })
                .bind("127.0.0.1", options.port()).sync().channel();
        Channel secure = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new Negotiation());
                    }
                })
                .bind("127.0.0.1", options.tlsPort()).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plain.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            secure.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }, "netty-example-stop"));
        System.out.println(ExampleServerOptions.readyLine("netty",
                ((InetSocketAddress) plain.localAddress()).getPort(), ((InetSocketAddress) secure.localAddress()).getPort()));
        System.out.flush();
        plain.closeFuture().sync();
    }

    /**
     * connection-leak on Netty: a connection whose stream failed is kept and allowed to half-close, which nothing
     * here handles, so the peer's close shuts its input only and the connection stays open, in CLOSE_WAIT, with all
     * it holds.
     */
    static void keepOpenIfKept(Channel connection, ScenarioHooks hooks) {
        if (hooks.keepsFailedConnections()) {
            connection.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
    }

    /** HTTP/1.1, h2c by Upgrade, h2c by prior knowledge: the cleartext port's pipeline. */
    private void configureCleartext(ChannelPipeline pipeline) {
        HttpServerCodec http1 = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol) ? upgradeCodec() : null,
                MAX_UPGRADE_REQUEST);
        pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                addHttp2(channel.pipeline());
            }
        }));
        pipeline.addLast(new Http1Handler(hooks));
    }

    private Http2ServerUpgradeCodec upgradeCodec() {
        if (classic) {
            return new Http2ServerUpgradeCodec(ClassicHttp2Handler.create(hooks));
        }
        return new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), multiplexHandler());
    }

    private void addHttp2(ChannelPipeline pipeline) {
        if (classic) {
            pipeline.addLast(ClassicHttp2Handler.create(hooks));
        } else {
            pipeline.addLast(Http2FrameCodecBuilder.forServer().build(), multiplexHandler());
        }
    }

    private ChannelHandler multiplexHandler() {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamHandler(hooks));
            }
        });
    }

    /** After the TLS handshake: h2 or HTTP/1.1, as ALPN chose. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2(ctx.pipeline());
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                ctx.pipeline().addLast(new HttpServerCodec(), new Http1Handler(hooks));
            } else {
                throw new IllegalStateException("unknown protocol: " + protocol);
            }
        }
    }

    private static SslContext sslContext() throws Exception {
        return SslContextBuilder.forServer(SelfSignedKeyStore.keyManagers())
                .sslProvider(SslProvider.JDK)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }
}
