package dev.httpmem.cli;

import dev.httpmem.analysis.render.Units;
import dev.httpmem.load.LoadDriver;
import dev.httpmem.load.LoadDriver.Protocol;
import dev.httpmem.load.MisbehavingClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Sends GET requests with the JDK's HttpClient, to reproduce a workload while the agent records.",
                "",
                "HTTP/1.1, HTTP/2 (h2c by Upgrade on http://, ALPN on https://), or both: HTTP/1.1 first, then",
                "HTTP/2. Progress goes to standard error, one summary line per protocol to standard output. TLS",
                "trusts any certificate: point it at test servers only.",
                "",
                "--misbehave N also sends N requests per protocol that leave the server mid-exchange, as real clients",
                "do, beside the others: HTTP/2 streams cancelled (RST_STREAM) once answered, GOAWAYs with streams in",
                "flight, connections reset mid-response and slow readers, in turn, each on a connection of its own",
                "(HTTP/2 by prior knowledge: http:// only). Servers often leak on exactly these paths."},
        footer = {
                "  httpmem load http://localhost:8080/ --protocol both -n 10000",
                "  httpmem load http://localhost:8080/ --protocol h2 -n 20000 --misbehave 2000",
                "  httpmem load https://localhost:8443/ --protocol h2 -c 4 --streams 16 --path /items --path /items/42"},
        exitCodeList = {"0:every request was answered 2xx or 3xx",
                Main.EXIT_DATA + ":some requests failed (the first is named), or the first ones could not connect",
                Main.EXIT_STATUS_USAGE})
final class LoadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "URL", description = "http:// or https:// URL to request; --path replaces its path.")
    private String url;

    @Option(names = "--protocol", paramLabel = "h1|h2|both", defaultValue = "both",
            description = "Protocol to send (default: ${DEFAULT-VALUE}: HTTP/1.1, then HTTP/2).")
    private String protocol;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", defaultValue = "10000",
            description = "Requests per protocol (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = {"-c", "--connections"}, paramLabel = "CONNECTIONS", defaultValue = "1",
            description = "Connections per protocol (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--streams", paramLabel = "S", defaultValue = "8",
            description = "HTTP/2 requests in flight per connection (default: ${DEFAULT-VALUE}); HTTP/1.1 has one.")
    private int streams;

    @Option(names = "--misbehave", paramLabel = "N", defaultValue = "0",
            description = "Misbehaving requests per protocol, sent beside the others (default: ${DEFAULT-VALUE}).")
    private int misbehave;

    @Option(names = "--path", paramLabel = "PATH",
            description = "Path (and query) to request, against URL; repeat to cycle through several.")
    private List<String> paths = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Protocol> protocols = switch (protocol) {
            case "h1" -> List.of(Protocol.HTTP_1_1);
            case "h2" -> List.of(Protocol.HTTP_2);
            case "both" -> List.of(Protocol.HTTP_1_1, Protocol.HTTP_2);
            default -> throw usage("--protocol must be h1, h2 or both: " + protocol);
        };
        if (requests < 1 || connections < 1 || streams < 1) {
            throw usage("--requests, --connections and --streams must be at least 1");
        }
        if (misbehave < 0) {
            throw usage("--misbehave must be 0 or more");
        }
        if ((long) connections * streams > LoadDriver.MAX_IN_FLIGHT) {
            throw usage("at most " + LoadDriver.MAX_IN_FLIGHT + " requests in flight (--connections × --streams)");
        }
        List<URI> targets = targets();
        PrintWriter out = spec.commandLine().getOut();
        String failure = null;
        if (misbehave > 0 && !"http".equals(targets.get(0).getScheme())) {
            throw usage("--misbehave sends its requests over cleartext: give an http:// URL");
        }
        for (Protocol p : protocols) {
            CompletableFuture<MisbehavingClient.Result> misbehaving = misbehave == 0 ? null : CompletableFuture.supplyAsync(
                    () -> misbehave(new MisbehavingClient.Plan(p, targets, misbehave, connections)), runnable -> {
                        Thread thread = new Thread(runnable, "httpmem-misbehave");
                        thread.setDaemon(true);
                        thread.start();
                    });
            LoadDriver.Result result = LoadDriver.run(new LoadDriver.Plan(p, targets, requests, connections, streams),
                    progress(name(p)));
            if (result.unreachable()) {
                throw new CommandException("cannot connect: " + result.firstFailure() + "; is the server listening there?",
                        Main.EXIT_DATA);
            }
            out.println(String.format(Locale.ROOT, "%s: %,d requests, %,d failed, %.1f s, %,.0f req/s; answered %s",
                    name(p), result.sent(), result.failed(), result.elapsed().toNanos() / 1e9, result.requestsPerSecond(),
                    Units.statusClasses(result.statusClasses())));
            out.flush();
            if (result.negotiated() != null && result.negotiated() != p) {
                spec.commandLine().getErr().println("httpmem load: warning: asked for " + name(p) + ", the server answered "
                        + name(result.negotiated()) + (p == Protocol.HTTP_2 && "http".equals(targets.get(0).getScheme())
                        ? " (does it accept h2c by Upgrade?)" : ""));
            }
            if (result.failed() > 0 && failure == null) {
                failure = String.format(Locale.ROOT, "%,d of %,d %s requests failed; the first: %s",
                        result.failed(), result.sent(), name(p), result.firstFailure());
            }
            if (misbehaving != null) {
                MisbehavingClient.Result misbehaved = misbehaving.join();
                out.println(String.format(Locale.ROOT, "%s: %,d misbehaving requests, %,d failed: %s", name(p), misbehave,
                        misbehaved.failed(), misbehaved.done().entrySet().stream()
                                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey().label))
                                .collect(Collectors.joining(", "))));
                out.flush();
                if (misbehaved.failed() > 0 && failure == null) {
                    failure = String.format(Locale.ROOT, "%,d of %,d misbehaving %s requests failed; the first: %s",
                            misbehaved.failed(), misbehave, name(p), misbehaved.firstFailure());
                }
            }
        }
        if (failure != null) {
            throw new CommandException(failure, Main.EXIT_DATA);
        }
        return 0;
    }

    private static MisbehavingClient.Result misbehave(MisbehavingClient.Plan plan) {
        try {
            return MisbehavingClient.run(plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private List<URI> targets() {
        URI base;
        try {
            base = new URI(url);
        } catch (URISyntaxException e) {
            throw usage("not a URL: " + url);
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw usage("URL must be http:// or https:// with a host: " + url);
        }
        if (paths.isEmpty()) {
            return List.of(base);
        }
        List<URI> targets = new ArrayList<>();
        for (String path : paths) {
            try {
                targets.add(base.resolve(path.startsWith("/") ? path : "/" + path));
            } catch (IllegalArgumentException e) {
                throw usage("not a path: " + path);
            }
        }
        return targets;
    }

    private IntConsumer progress(String name) {
        PrintWriter err = spec.commandLine().getErr();
        int step = Math.max(1, requests / 10);
        return done -> {
            if (done % step == 0 || done == requests) {
                synchronized (err) {
                    err.printf(Locale.ROOT, "  %-8s %,d/%,d requests%n", name, done, requests);
                    err.flush();
                }
            }
        };
    }

    private static String name(Protocol protocol) {
        return protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
