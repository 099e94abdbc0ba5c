package dev.httpmem.agent.stacks;

import dev.httpmem.agent.stacks.grizzly.GrizzlyInstrumentation;
import dev.httpmem.agent.stacks.grpc.GrpcInstrumentation;
import dev.httpmem.agent.stacks.helidon.HelidonInstrumentation;
import dev.httpmem.agent.stacks.jdkclient.JdkHttpClientInstrumentation;
import dev.httpmem.agent.stacks.jdkhttp.JdkHttpServerInstrumentation;
import dev.httpmem.agent.stacks.jetty.JettyInstrumentation;
import dev.httpmem.agent.stacks.jettyclient.JettyClientInstrumentation;
import dev.httpmem.agent.stacks.netty.NettyInstrumentation;
import dev.httpmem.agent.stacks.okhttp.OkHttpInstrumentation;
import dev.httpmem.agent.stacks.servlet.ServletInstrumentation;
import dev.httpmem.agent.stacks.tomcat.TomcatInstrumentation;
import dev.httpmem.agent.stacks.undertow.UndertowInstrumentation;
import java.util.List;

/** Every stack httpmem knows. */
public final class Stacks {
    private Stacks() {}

    /**
     * The names {@code stacks=} takes, in the order {@link #all} lists the stacks; a stack whose classes an
     * application may have under two names (the servlet API as jakarta and javax, Netty and gRPC's shaded Netty)
     * is one name.
     */
    public static List<String> names() {
        return all().stream().map(StackInstrumentation::name).distinct().toList();
    }

    public static List<StackInstrumentation> all() {
        return List.of(new JettyInstrumentation(), new NettyInstrumentation(NettyInstrumentation.NETTY),
                new NettyInstrumentation(NettyInstrumentation.GRPC_SHADED), new TomcatInstrumentation(),
                new UndertowInstrumentation(), new GrizzlyInstrumentation(), new GrpcInstrumentation(), new HelidonInstrumentation(),
                new JdkHttpServerInstrumentation(), new JdkHttpClientInstrumentation(), new JettyClientInstrumentation(), new OkHttpInstrumentation(), new ServletInstrumentation(ServletInstrumentation.JAKARTA),
                new ServletInstrumentation(ServletInstrumentation.JAVAX));
    }
}
