package dev.httpmem.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole exchange through Netty's real HTTP/1.1 and HTTP/2 server codecs, in process: a request's bytes in, the
 * handler's response (its body a shared buffer, as the example's) encoded and its bytes out. HTTP/2 runs Netty's
 * own client codec on a second embedded channel, the bytes of each side handed to the other. Run with and without
 * {@code -javaagent} ({@code bench/run-netty-bench.sh} prints both and their ratio), it is the cost the advice adds
 * to a real stack's path, which {@link SliceBenchmark} (the runtime alone) does not show.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyExchangeBenchmark {
    @Param({"16384"})
    public int responseBytes;

    private ByteBuf body;
    private EmbeddedChannel http1;
    private ByteBuf http1Request;
    private EmbeddedChannel http2Server;
    private EmbeddedChannel http2Client;
    private Http2StreamChannelBootstrap streams;

    @Setup
    public void setUp() {
        body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(responseBytes).writeZero(responseBytes));
        http1 = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Http1Handler());
        http1Request = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
                "GET /body HTTP/1.1\r\nHost: bench\r\n\r\n", StandardCharsets.US_ASCII));

        http2Server = new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2Handler());
                    }
                }));
        http2Client = new EmbeddedChannel(Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        streams = new Http2StreamChannelBootstrap(http2Client).handler(new Http2ResponseReader());
        shuttle();
    }

    @TearDown
    public void tearDown() {
        http1.finishAndReleaseAll();
        http2Client.finishAndReleaseAll();
        http2Server.finishAndReleaseAll();
    }

    @Benchmark
    public int http1Exchange() {
        http1.writeInbound(http1Request.duplicate());
        int bytes = 0;
        for (Object out; (out = http1.readOutbound()) != null; ) {
            bytes += ((ByteBuf) out).readableBytes();
            ReferenceCountUtil.release(out);
        }
        return bytes;
    }

    @Benchmark
    public int http2Exchange() throws Exception {
        Http2StreamChannel stream = streams.open().sync().getNow();
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET").path("/body")
                .scheme("http").authority("bench"), true));
        return shuttle();
    }

    /** Hands each side's written bytes to the other until neither writes: returns the bytes the server wrote. */
    private int shuttle() {
        int serverBytes = 0;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Object out; (out = http2Client.readOutbound()) != null; moved = true) {
                http2Server.writeInbound(out);
            }
            for (Object out; (out = http2Server.readOutbound()) != null; moved = true) {
                serverBytes += ((ByteBuf) out).readableBytes();
                http2Client.writeInbound(out);
            }
            http2Server.runPendingTasks();
            http2Client.runPendingTasks();
        }
        return serverBytes;
    }

    /** Answers with the shared body; an inner class, as both handlers read it from the benchmark's state. */
    @ChannelHandler.Sharable
    private final class Http1Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    body.duplicate());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            ctx.writeAndFlush(response);
        }
    }

    private final class Http2Handler extends SimpleChannelInboundHandler<Http2HeadersFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2HeadersFrame request) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(body.duplicate(), true));
        }
    }

    /** The client's side of a stream: reads the response and lets it go. */
    @ChannelHandler.Sharable
    private static final class Http2ResponseReader extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ReferenceCountUtil.release(frame);
        }
    }
}
