package dev.httpmem.examples.clients;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.BodyRetention;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * A client service: Reactor Netty's {@code HttpClient} (Spring WebClient's, on Netty) calling an example server's
 * {@code /body} over HTTP/1.1 and then h2c (prior knowledge), a few requests at a time, reading every response
 * whole. The JVM recorded is this one. With {@code --leaky} every HTTP/2 response's body leaves a slice of itself
 * in a static list ({@link BodyRetention}, the servers' h2-body-retention, here on the client side); with
 * {@code --alloc N} handling a response allocates exactly N bytes more, the ground truth for accuracy tests.
 *
 * <pre>
 * java -javaagent:httpmem-agent.jar=out=client.jfr,gc-every=500 -jar httpmem-example-clients.jar \
 *     --url http://127.0.0.1:8080/body --requests 10000 --leaky
 * </pre>
 */
public final class ClientDriver {
    private static final int DEFAULT_REQUESTS = 1_000;
    private static final int DEFAULT_CONCURRENCY = 4;
    private static final String USAGE = "usage: ClientDriver --url http://HOST:PORT/PATH [--requests N]"
            + " [--protocol http1.1|h2c|both] [--concurrency N] [--alloc BYTES] [--leaky] [--help]";

    private ClientDriver() {}

    /** The driver's arguments; {@code protocols} in the order they run. */
    record Options(URI url, int requests, List<HttpProtocol> protocols, int concurrency, long allocate, boolean leaky) {
    }

    public static void main(String[] args) {
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
        for (HttpProtocol protocol : options.protocols()) {
            long failed = run(options, protocol);
            System.out.println("httpmem-clients done protocol=" + name(protocol) + " requests=" + options.requests()
                    + " failed=" + failed);
            if (failed > 0) {
                System.exit(1);
            }
        }
    }

    /** Sends the requests over one client (one connection pool) and returns how many failed. */
    private static long run(Options options, HttpProtocol protocol) {
        HttpClient client = HttpClient.create().protocol(protocol);
        boolean http2 = protocol == HttpProtocol.H2C;
        Long failed = Flux.range(0, options.requests())
                .flatMap(i -> client.get().uri(options.url())
                        .responseSingle((response, body) -> response.status().code() != 200
                                ? Mono.just(1L)
                                : body.asByteArray().map(bytes -> {
                                    Allocations.allocate(options.allocate());
                                    if (options.leaky() && http2) {
                                        BodyRetention.keep(bytes, 0, bytes.length);
                                    }
                                    return 0L;
                                }).defaultIfEmpty(0L))
                        .onErrorReturn(1L), options.concurrency())
                .reduce(0L, Long::sum)
                .block();
        return failed == null ? options.requests() : failed;
    }

    /** The arguments, or null for {@code --help}. */
    static Options parse(String[] args) {
        URI url = null;
        int requests = DEFAULT_REQUESTS;
        List<HttpProtocol> protocols = List.of(HttpProtocol.HTTP11, HttpProtocol.H2C);
        int concurrency = DEFAULT_CONCURRENCY;
        long allocate = 0;
        boolean leaky = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = URI.create(value(args, ++i, "--url"));
                case "--requests" -> requests = positive(value(args, ++i, "--requests"), "--requests");
                case "--concurrency" -> concurrency = positive(value(args, ++i, "--concurrency"), "--concurrency");
                case "--alloc" -> allocate = Long.parseLong(value(args, ++i, "--alloc"));
                case "--protocol" -> protocols = protocols(value(args, ++i, "--protocol"));
                case "--leaky" -> leaky = true;
                case "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url http://HOST:PORT/PATH is required");
        }
        // Checked before the first request, not on the event loop.
        Allocations.allocate(allocate);
        return new Options(url, requests, protocols, concurrency, allocate, leaky);
    }

    private static List<HttpProtocol> protocols(String name) {
        List<HttpProtocol> protocols = new ArrayList<>();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "http1.1" -> protocols.add(HttpProtocol.HTTP11);
            case "h2c" -> protocols.add(HttpProtocol.H2C);
            case "both" -> protocols.addAll(List.of(HttpProtocol.HTTP11, HttpProtocol.H2C));
            default -> throw new IllegalArgumentException("--protocol is http1.1, h2c or both: " + name);
        }
        return protocols;
    }

    private static String name(HttpProtocol protocol) {
        return protocol == HttpProtocol.H2C ? "h2c" : "http1.1";
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
