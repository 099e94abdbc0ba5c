package dev.httpmem.examples.clients;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.BodyRetention;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import reactor.netty.http.HttpProtocol;

/**
 * A client service calling an example server, a few requests at a time, reading every response whole: Reactor
 * Netty's {@code HttpClient} (Spring WebClient's, on Netty) calling {@code /body} over HTTP/1.1 and then h2c (prior
 * knowledge), the JDK's {@code HttpClient} calling it over HTTP/1.1 and then h2c by Upgrade (the only h2c it
 * speaks), Jetty 12's {@code HttpClient}, OkHttp 5, Vert.x 4.5's {@code HttpClient} or Apache HttpClient 5's async
 * client over HTTP/1.1 and then h2c (prior knowledge), or gRPC-java's
 * client (on grpc-netty-shaded) calling the gRPC example's {@code Body}. The JVM recorded
 * is this one. With {@code --leaky} every HTTP/2 response's body leaves a slice of itself in a static list
 * ({@link BodyRetention}, the servers' h2-body-retention, here on the client side); with {@code --alloc N} handling
 * a response allocates exactly N bytes more, the ground truth for accuracy tests.
 *
 * <pre>
 * java -javaagent:httpmem-agent.jar=out=client.jfr,gc-every=500 -jar httpmem-example-clients.jar \
 *     --url http://127.0.0.1:8080/body --requests 10000 --leaky
 * </pre>
 */
public final class ClientDriver {
    private static final int DEFAULT_REQUESTS = 1_000;
    private static final int DEFAULT_CONCURRENCY = 4;
    private static final String USAGE = "usage: ClientDriver --url http://HOST:PORT/PATH[?size=N] [--client reactor-netty|jdk|jetty|okhttp|vertx|apache|grpc]"
            + " [--requests N] [--protocol http1.1|h2c|h2c-upgrade|both] [--concurrency N] [--alloc BYTES] [--leaky] [--help]";

    private ClientDriver() {}

    /** The client library the driver runs. */
    enum Client {
        REACTOR_NETTY,
        /** The JDK's client: h2c by Upgrade only, so {@code h2c-upgrade} rather than {@code h2c}. */
        JDK,
        /** Jetty 12's client: h2c by prior knowledge; an Upgrade only with headers the application sets. */
        JETTY,
        /** Vert.x 4.5's client, on Netty 4.1 as Reactor Netty's: h2c by prior knowledge here. */
        VERTX,
        /** Apache HttpClient 5's async client: its default one for HTTP/1.1, its HTTP/2-only one for h2c. */
        APACHE,
        /** OkHttp 5: h2c by prior knowledge only. */
        OKHTTP,
        /** gRPC speaks HTTP/2 only; it calls {@code Body} with the URL's {@code size} (90 KiB by default). */
        GRPC
    }

    /** A run of requests over one way of speaking HTTP, by the protocols the client is configured with. */
    enum Phase {
        HTTP_1_1("http1.1", HttpProtocol.HTTP11),
        /** HTTP/2 without TLS by prior knowledge. */
        H2C("h2c", HttpProtocol.H2C),
        /** HTTP/1.1 with an h2c Upgrade offered on each connection's first request: HTTP/2 where the server takes it. */
        H2C_UPGRADE("h2c-upgrade", HttpProtocol.HTTP11, HttpProtocol.H2C);

        private final String option;
        private final HttpProtocol[] protocols;

        Phase(String option, HttpProtocol... protocols) {
            this.option = option;
            this.protocols = protocols;
        }

        HttpProtocol[] protocols() {
            return protocols.clone();
        }

        /** Whether the responses come over HTTP/2 (an Upgrade's once the server took it). */
        boolean http2() {
            return this != HTTP_1_1;
        }

        String option() {
            return option;
        }
    }

    /** The driver's arguments; {@code phases} in the order they run. */
    record Options(Client client, URI url, int requests, List<Phase> phases, int concurrency, long allocate,
                   boolean leaky) {
        /** What the driver does with every response body read whole, {@code http2} or not. */
        void handle(byte[] body, boolean http2) {
            Allocations.allocate(allocate);
            if (leaky && http2) {
                BodyRetention.keep(body, 0, body.length);
            }
        }

        int bodySize() {
            return Bodies.sizeParameter(url.getQuery());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ClientDriver: " + e.getMessage() + " (" + USAGE + ")");
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        for (Phase phase : options.phases()) {
            long failed = switch (options.client()) {
                case REACTOR_NETTY -> ReactorNettyRequests.run(options, phase);
                case JDK -> JdkHttpClientRequests.run(options, phase);
                case JETTY -> JettyClientRequests.run(options, phase);
                case OKHTTP -> OkHttpRequests.run(options, phase);
                case VERTX -> VertxClientRequests.run(options, phase);
                case APACHE -> ApacheClientRequests.run(options, phase);
                case GRPC -> GrpcCalls.run(options);
            };
            System.out.println("httpmem-clients done client=" + name(options.client()) + " protocol="
                    + phase.option() + " requests=" + options.requests() + " failed=" + failed);
            if (failed > 0) {
                System.exit(1);
            }
        }
        // A client finishes its own work for a response after handing it to the application (the JDK's closes an
        // HTTP/2 stream after completing its subscriber): stopped before the JVM exits, none of it is cut short
        // and left open in the recording dumped at exit.
        switch (options.client()) {
            case REACTOR_NETTY -> ReactorNettyRequests.close();
            case JDK -> JdkHttpClientRequests.close();
            case JETTY -> JettyClientRequests.close();
            case OKHTTP -> OkHttpRequests.close();
            case VERTX -> VertxClientRequests.close();
            case APACHE -> ApacheClientRequests.close();
            case GRPC -> { } // each run shuts its channel down and waits for it
        }
    }

    /** The arguments, or null for {@code --help}. */
    static Options parse(String[] args) {
        Client client = Client.REACTOR_NETTY;
        URI url = null;
        int requests = DEFAULT_REQUESTS;
        List<Phase> phases = null;
        int concurrency = DEFAULT_CONCURRENCY;
        long allocate = 0;
        boolean leaky = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--client" -> client = client(value(args, ++i, "--client"));
                case "--url" -> url = URI.create(value(args, ++i, "--url"));
                case "--requests" -> requests = positive(value(args, ++i, "--requests"), "--requests");
                case "--concurrency" -> concurrency = positive(value(args, ++i, "--concurrency"), "--concurrency");
                case "--alloc" -> allocate = Long.parseLong(value(args, ++i, "--alloc"));
                case "--protocol" -> phases = phases(value(args, ++i, "--protocol"));
                case "--leaky" -> leaky = true;
                case "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || !"http".equals(url.getScheme()) || url.getPort() < 0) {
            throw new IllegalArgumentException("--url http://HOST:PORT/PATH is required");
        }
        if (phases == null) {
            phases = switch (client) {
                case REACTOR_NETTY, JETTY, OKHTTP, VERTX, APACHE -> List.of(Phase.HTTP_1_1, Phase.H2C);
                case JDK -> List.of(Phase.HTTP_1_1, Phase.H2C_UPGRADE);
                case GRPC -> List.of(Phase.H2C);
            };
        } else if (client == Client.GRPC && !phases.equals(List.of(Phase.H2C))) {
            throw new IllegalArgumentException("gRPC speaks HTTP/2 only: --protocol h2c");
        } else if (client == Client.JDK && phases.contains(Phase.H2C)) {
            throw new IllegalArgumentException("the JDK's client speaks h2c by Upgrade only: --protocol h2c-upgrade");
        } else if ((client == Client.JETTY || client == Client.OKHTTP) && phases.contains(Phase.H2C_UPGRADE)) {
            throw new IllegalArgumentException(name(client) + " offers no h2c Upgrade of its own: --protocol h2c");
        } else if ((client == Client.VERTX || client == Client.APACHE) && phases.contains(Phase.H2C_UPGRADE)) {
            throw new IllegalArgumentException("the driver runs " + name(client) + "'s client over h2c by prior knowledge only: --protocol h2c");
        }
        // Checked before the first request, not on the event loop.
        Allocations.allocate(allocate);
        Bodies.json(Bodies.sizeParameter(url.getQuery()));
        return new Options(client, url, requests, phases, concurrency, allocate, leaky);
    }

    private static Client client(String name) {
        return switch (name) {
            case "reactor-netty" -> Client.REACTOR_NETTY;
            case "jdk" -> Client.JDK;
            case "jetty" -> Client.JETTY;
            case "okhttp" -> Client.OKHTTP;
            case "vertx" -> Client.VERTX;
            case "apache" -> Client.APACHE;
            case "grpc" -> Client.GRPC;
            default -> throw new IllegalArgumentException("--client is reactor-netty, jdk, jetty, okhttp, vertx, apache or grpc: " + name);
        };
    }

    private static List<Phase> phases(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("both")) {
            return List.of(Phase.HTTP_1_1, Phase.H2C);
        }
        for (Phase phase : Phase.values()) {
            if (phase.option().equals(lower)) {
                return List.of(phase);
            }
        }
        throw new IllegalArgumentException("--protocol is http1.1, h2c, h2c-upgrade or both: " + name);
    }

    private static String name(Client client) {
        return client.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }


    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        int number = Integer.parseInt(value);
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return number;
    }
}
