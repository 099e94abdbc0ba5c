package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentLog;
import dev.httpmem.agent.runtime.ServersNotInstrumented;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Notices the classes of HTTP servers this JVM runs and httpmem does not instrument, unknown ones or ones left
 * out with {@code stacks=}, and says so once per server: in the log as it happens, and in the agent's statistics
 * for the recording. Without it a server httpmem does not know records no exchange and nothing says why.
 */
final class ServerClassWatch extends AgentBuilder.Listener.Adapter {

    /**
     * A server, known by a class only it loads.
     *
     * @param stack httpmem's stack for it, or null when it has none
     */
    private record Server(String classPrefix, String name, String stack) {
    }

    private static final List<Server> SERVERS = List.of(
            new Server("org.eclipse.jetty.server.Server", "Jetty", "jetty"),
            new Server("io.netty.handler.codec.http.HttpServerCodec", "Netty", "netty"),
            new Server("org.apache.coyote.http11.Http11Processor", "Tomcat", "tomcat"),
            new Server("sun.net.httpserver.ServerImpl", "the JDK's HTTP server", "jdkhttp"),
            new Server("io.undertow.Undertow", "Undertow", "undertow"),
            new Server("io.undertow.server.protocol.http.HttpOpenListener", "Undertow", "undertow"),
            new Server("org.glassfish.grizzly.http.server.HttpServer", "Grizzly", "grizzly"),
            new Server("io.helidon.webserver.WebServer", "Helidon", "helidon"),
            new Server("io.grpc.netty.shaded.io.grpc.netty.NettyServer", "gRPC on its shaded Netty", "netty"),
            new Server("org.apache.hc.core5.http.impl.bootstrap.HttpServer", "Apache HttpCore's server", null),
            new Server("org.apache.pekko.http.scaladsl.HttpExt", "Pekko HTTP", null),
            new Server("akka.http.scaladsl.HttpExt", "Akka HTTP", null));

    private final Set<String> instrumented;
    private final String supported;

    /**
     * @param instrumented the stacks instrumented here
     * @param supported    every stack httpmem has, for the log line
     */
    ServerClassWatch(Set<String> instrumented, String supported) {
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
        for (Server server : SERVERS) {
            if (typeName.startsWith(server.classPrefix())
                    && (server.stack() == null || !instrumented.contains(server.stack()))) {
                String remedy = server.stack() == null ? "httpmem instruments " + supported
                        : "stacks=" + server.stack() + " instruments it";
                if (ServersNotInstrumented.add(server.name() + " (" + remedy + ")")) {
                    AgentLog.info(server.name() + " runs here (" + typeName + " loaded) and is not instrumented, so"
                            + " its exchanges go unseen: " + remedy);
                }
            }
        }
    }
}
