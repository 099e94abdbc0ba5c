package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentLog;
import dev.httpmem.agent.runtime.StacksNotInstrumented;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Notices the classes of HTTP servers and clients this JVM runs and httpmem does not instrument, unknown ones or ones
 * left out with {@code stacks=}, and says so once per stack: in the log as it happens, and in the agent's statistics
 * for the recording. Without it a stack httpmem does not know records no exchange and nothing says why: a client
 * service on Apache HttpClient read "saw no request", though it sent thousands.
 */
final class UninstrumentedStackWatch extends AgentBuilder.Listener.Adapter {

    /**
     * A server or client, known by a class only it loads.
     *
     * @param stack httpmem's stack for it, or null when it has none
     */
    private record HttpStack(String classPrefix, String name, String stack) {
    }

    private static final List<HttpStack> STACKS = List.of(
            new HttpStack("org.eclipse.jetty.server.Server", "Jetty", "jetty"),
            new HttpStack("io.netty.handler.codec.http.HttpServerCodec", "Netty", "netty"),
            new HttpStack("org.apache.coyote.http11.Http11Processor", "Tomcat", "tomcat"),
            new HttpStack("sun.net.httpserver.ServerImpl", "the JDK's HTTP server", "jdkhttp"),
            new HttpStack("io.undertow.Undertow", "Undertow", "undertow"),
            new HttpStack("io.undertow.server.protocol.http.HttpOpenListener", "Undertow", "undertow"),
            new HttpStack("org.glassfish.grizzly.http.server.HttpServer", "Grizzly", "grizzly"),
            new HttpStack("io.helidon.webserver.WebServer", "Helidon", "helidon"),
            new HttpStack("io.grpc.netty.shaded.io.grpc.netty.NettyServer", "gRPC on its shaded Netty", "netty"),
            new HttpStack("org.apache.hc.core5.http.impl.bootstrap.HttpServer", "Apache HttpCore's server", null),
            new HttpStack("org.apache.pekko.http.scaladsl.HttpExt", "Pekko HTTP", null),
            new HttpStack("akka.http.scaladsl.HttpExt", "Akka HTTP", null),
            new HttpStack("jdk.internal.net.http.HttpClientImpl", "the JDK's HttpClient", "jdkclient"),
            new HttpStack("org.eclipse.jetty.client.HttpClient", "Jetty's HttpClient", "jettyclient"),
            new HttpStack("okhttp3.OkHttpClient", "OkHttp", "okhttp"),
            new HttpStack("io.netty.handler.codec.http.HttpClientCodec", "Netty's HTTP client", "netty"),
            new HttpStack("org.apache.hc.client5.http.impl.classic.CloseableHttpClient", "Apache HttpClient 5", null),
            new HttpStack("org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient", "Apache HttpClient 5", null),
            new HttpStack("org.apache.http.impl.client.CloseableHttpClient", "Apache HttpClient 4", null));

    private final Set<String> instrumented;
    private final String supported;

    /**
     * @param instrumented the stacks instrumented here
     * @param supported    every stack httpmem has, for the log line
     */
    UninstrumentedStackWatch(Set<String> instrumented, String supported) {
        this.instrumented = instrumented;
        this.supported = supported;
    }

    /** Classes loaded before the agent started (an attach). */
    void loaded(Class<?>[] classes) {
        for (Class<?> type : classes) {
            seen(type.getName());
        }
    }

    @Override
    public void onDiscovery(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
        seen(typeName);
    }

    private void seen(String typeName) {
        for (HttpStack stack : STACKS) {
            if (typeName.startsWith(stack.classPrefix())
                    && (stack.stack() == null || !instrumented.contains(stack.stack()))) {
                String remedy = stack.stack() == null ? "httpmem instruments " + supported
                        : "stacks=" + stack.stack() + " instruments it";
                if (StacksNotInstrumented.add(stack.name() + " (" + remedy + ")")) {
                    AgentLog.info(stack.name() + " runs here (" + typeName + " loaded) and is not instrumented, so"
                            + " its exchanges go unseen: " + remedy);
                }
            }
        }
    }
}
