package dev.httpmem.it;

import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An example server the shared suite runs against: its stack's name in events, its jar under examples/, what it
 * speaks, its own options, and agent options it needs; {@code name} tells variants of one jar apart.
 */
record ExampleServer(String name, String stack, String example, Set<Protocol> protocols, List<String> serverArgs,
                     String agentOptions, int oldestJdk) {
    ExampleServer(String name, String stack, String example, Set<Protocol> protocols, List<String> serverArgs,
                  String agentOptions) {
        this(name, stack, example, protocols, serverArgs, agentOptions, 17);
    }

    static final ExampleServer JETTY_12_1 = all("jetty", "jetty");
    static final ExampleServer JETTY_12_0 = all("jetty", "jetty-12.0");
    static final ExampleServer NETTY_4_2 = all("netty", "netty");
    static final ExampleServer NETTY_4_1 = all("netty", "netty-4.1");
    /** The oldest Netty the agent supports, as Vert.x 4.3 (4.1.82) and others pin one. */
    static final ExampleServer NETTY_4_1_80 = all("netty", "netty-4.1.80");
    /** Netty's classic Http2ConnectionHandler path instead of the frame codec and multiplex handler. */
    static final ExampleServer NETTY_4_2_CLASSIC = new ExampleServer("netty-classic", "netty", "netty",
            EnumSet.allOf(Protocol.class), List.of("--h2-api", "classic"), "");
    static final ExampleServer NETTY_4_1_CLASSIC = new ExampleServer("netty-4.1-classic", "netty", "netty-4.1",
            EnumSet.allOf(Protocol.class), List.of("--h2-api", "classic"), "");
    static final ExampleServer TOMCAT_11 = all("tomcat", "tomcat");
    static final ExampleServer TOMCAT_10_1 = all("tomcat", "tomcat-10.1");
    static final ExampleServer UNDERTOW_2_4 = all("undertow", "undertow");
    static final ExampleServer UNDERTOW_2_3 = all("undertow", "undertow-2.3");
    /** Vert.x's HTTP server runs on Netty, which the agent instruments: its exchanges are Netty's. */
    /**
     * Vert.x 5.0's h2 over TLS stalls with several 90 KiB responses in flight, with no agent as with it (h2load
     * {@code -c 1 -m 4}: 97 of 100 answered, then the idle timeout; 4.5 and h2c serve them at once): left out.
     */
    static final ExampleServer VERTX_5_0 = new ExampleServer("vertx", "netty", "vertx",
            EnumSet.complementOf(EnumSet.of(Protocol.H2_TLS)), List.of(), "");
    static final ExampleServer VERTX_4_5 = new ExampleServer("vertx-4.5", "netty", "vertx-4.5", EnumSet.allOf(Protocol.class),
            List.of(), "");
    /** Reactor Netty (Spring WebFlux's server) runs on Netty's frame codec and multiplex handler: its exchanges are Netty's. */
    static final ExampleServer REACTOR_NETTY = new ExampleServer("reactor-netty", "netty", "reactor-netty",
            EnumSet.allOf(Protocol.class), List.of(), "");
    /**
     * Grizzly 4.0.2 answers the JDK HttpClient's HTTP/2, h2c Upgrade and h2 over TLS alike, with GOAWAY now and then
     * here (7 and 8 of 180 requests failed with Grizzly left uninstrumented, stacks=jetty; a client in a JVM of its
     * own did not see it): the suite drives it with Jetty's client over h2c prior knowledge, and HTTP/1.1.
     */
    static final ExampleServer GRIZZLY = new ExampleServer("grizzly", "grizzly", "grizzly",
            EnumSet.of(Protocol.HTTP_1_1, Protocol.H2C_PRIOR_KNOWLEDGE), List.of(), "");
    /**
     * Grizzly over HTTP/1.1 alone, for the lifecycle suite: after the suite's first HTTP/2 cancels and rejected
     * streams, Grizzly 4.0.2 answered a new h2c connection's 16 MiB response with nothing (its session had failed to
     * write a GOAWAY), instrumented or not, so its HTTP/2 lifecycle is left out.
     */
    static final ExampleServer GRIZZLY_HTTP_1_1 = new ExampleServer("grizzly-http1", "grizzly", "grizzly",
            EnumSet.of(Protocol.HTTP_1_1), List.of(), "");
    /** Helidon 4 needs Java 21: its suite runs on JDK 25 only. */
    static final ExampleServer HELIDON = new ExampleServer("helidon", "helidon", "helidon", EnumSet.allOf(Protocol.class),
            List.of(), "", 21);
    /** The JDK's own server speaks HTTP/1.1 only; the agent instruments it when asked to. */
    static final ExampleServer JDK_HTTP = new ExampleServer("jdkhttp", "jdkhttp", "jdkhttp", EnumSet.of(Protocol.HTTP_1_1),
            List.of(), "stacks=jdkhttp");

    private static ExampleServer all(String stack, String example) {
        return new ExampleServer(example, stack, example, EnumSet.allOf(Protocol.class), List.of(), "");
    }

    Path jar() {
        return Artifacts.exampleJar(example);
    }
}
