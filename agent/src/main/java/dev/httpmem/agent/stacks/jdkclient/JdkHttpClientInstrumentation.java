package dev.httpmem.agent.stacks.jdkclient;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * The JDK's {@code java.net.http.HttpClient} (module java.net.http), a client: an exchange is one attempt of one
 * request on one protocol, the stack's {@code Http1Exchange} or HTTP/2 {@code Stream}. A plain {@code http:}
 * request of an HTTP/2 client offers an h2c Upgrade; taken, its HTTP/1.1 start ends upgraded and the connection's
 * stream 1 is the exchange. Its classes are the platform loader's, so the advice calls the runtime on the
 * bootstrap class path and nothing of the agent besides, and names no class of the module but its exported API.
 */
public final class JdkHttpClientInstrumentation implements StackInstrumentation {
    static final String STACK = "jdkclient";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "jdk.internal.net.http.HttpClientImpl";
    }

    @Override
    public List<String> landmarkClasses() {
        // Each hooked in JDK 17 and 25 with the same members; the body parsers and the frame decoder are the
        // classes a rewrite of the client (as HTTP/3's arrival in JDK 26 is not) would be likeliest to drop.
        return List.of("jdk.internal.net.http.Http1AsyncReceiver", "jdk.internal.net.http.ResponseContent$ChunkedBodyParser",
                "jdk.internal.net.http.Stream", "jdk.internal.net.http.Http2Connection",
                "jdk.internal.net.http.frame.FramesDecoder");
    }

    @Override
    public String supportedVersions() {
        return "JDK 17 to 25, HTTP/1.1 and HTTP/2";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new ExchangeInstrumentation(), new Http1ExchangeInstrumentation(), new Http1WriteTaskInstrumentation(),
                new Http1AsyncReceiverInstrumentation(), new Http1ResponseInstrumentation(), new BodyParserInstrumentation(),
                new ChunkedBodyParserInstrumentation(), new StreamInstrumentation(), new Http2ConnectionInstrumentation(),
                new FramesDecoderInstrumentation(), new HttpConnectionInstrumentation());
    }

    @Override
    public boolean needsBootstrapRuntime() {
        return true;
    }
}
