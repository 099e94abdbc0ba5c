package dev.httpmem.load;

import dev.httpmem.analysis.model.StatusClass;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends GETs with the JDK's HttpClient: HTTP/1.1, or HTTP/2 (h2c by Upgrade on http://, ALPN on https://). Each
 * connection is its own client, which the JDK keeps to one connection when it never has more requests in flight
 * than the protocol multiplexes: one for HTTP/1.1, {@code streamsPerConnection} for HTTP/2. TLS trusts any
 * certificate: this drives test servers, it does not guard secrets.
 */
public final class LoadDriver {
    /** Thread per request in flight: the JDK 17 client has no cheaper blocking send. */
    public static final int MAX_IN_FLIGHT = 1024;

    public enum Protocol { HTTP_1_1, HTTP_2 }

    /**
     * The JDK client announces a 16 MiB HTTP/2 stream window, in an h2c Upgrade's HTTP2-Settings header too.
     * Tomcat 10.1 and 11 apply that header after creating the upgraded stream 1, which keeps the protocol's default
     * window, so a response over 64 KiB on it stalls: the client sends no WINDOW_UPDATE until half of its 16 MiB is
     * read. Announcing the default window works with every server; the user's own setting wins.
     */
    private static final String STREAM_WINDOW = "jdk.httpclient.windowsize";
    private static final String DEFAULT_STREAM_WINDOW = "65535";

    /**
     * The JDK client (17 and 25 alike) misreads an h2c Upgrade's first HTTP/2 frames when the bytes the server sent
     * after its 101 fill more than one of its read buffers (16 KiB by default): the next frame header it reads is
     * body bytes ("Frame type(50) length(3484721) exceeds MAX_FRAME_SIZE"), and the connection fails. Netty 4.2
     * servers (Vert.x 5 among them) send stream 1's response right behind the 101, up to the 64 KiB window before the
     * client's SETTINGS: beside a busy loop, 25 of 300 upgrades to the Netty 4.2 example failed so with a 60 KiB
     * response and 25 of 300 with a 90 KiB one; with this buffer none of 300 did. A buffer larger than that window
     * holds whatever can come before the client speaks HTTP/2. Read once, when the JDK's client classes load; the
     * user's own setting wins.
     */
    private static final String READ_BUFFER = "jdk.httpclient.bufsize";
    private static final String DEFAULT_READ_BUFFER = Integer.toString(256 * 1024);

    /** {@code targets} are requested round robin. */
    public record Plan(Protocol protocol, List<URI> targets, int requests, int connections, int streamsPerConnection) {
        public Plan {
            targets = List.copyOf(targets);
            if (targets.isEmpty() || requests < 1 || connections < 1 || streamsPerConnection < 1) {
                throw new IllegalArgumentException("a plan needs targets, requests, connections and streams: " + this);
            }
        }

        int inFlightPerConnection() {
            return protocol == Protocol.HTTP_1_1 ? 1 : streamsPerConnection;
        }
    }

    /**
     * {@code ok} answered 2xx or 3xx; {@code statusClasses} counts the answers by status class; {@code firstFailure}
     * says why the first other one failed (null if none); {@code negotiated} is the protocol the server answered the
     * first request with; {@code unreachable}: the first requests could not connect, and the run stopped there.
     */
    public record Result(int sent, int ok, int failed, Duration elapsed, String firstFailure, Protocol negotiated,
                         Map<StatusClass, Long> statusClasses, boolean unreachable) {
        public Result {
            statusClasses = Collections.unmodifiableMap(new EnumMap<>(statusClasses));
        }

        public double requestsPerSecond() {
            return sent / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** What the sending threads share while a plan runs. */
    private static final class Run {
        final Plan plan;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicLongArray statusClasses = new AtomicLongArray(StatusClass.values().length);
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final AtomicReference<Protocol> negotiated = new AtomicReference<>();
        /** No connection could be made before any answer came: the rest would fail alike, so none is sent. */
        volatile boolean unreachable;

        Run(Plan plan) {
            this.plan = plan;
        }

        Map<StatusClass, Long> statusClasses() {
            Map<StatusClass, Long> classes = new EnumMap<>(StatusClass.class);
            for (StatusClass statusClass : StatusClass.values()) {
                @SuppressWarnings("EnumOrdinal") // one atomic counter per status class, by its position
                long count = statusClasses.get(statusClass.ordinal());
                if (count > 0) {
                    classes.put(statusClass, count);
                }
            }
            return classes;
        }
    }

    private LoadDriver() {}

    /** {@code concurrency} requests in flight: over as many connections for HTTP/1.1, multiplexed on one for HTTP/2. */
    public static Result run(Protocol protocol, URI uri, int requests, int concurrency, IntConsumer progress)
            throws IOException, InterruptedException {
        boolean http1 = protocol == Protocol.HTTP_1_1;
        return run(new Plan(protocol, List.of(uri), requests, http1 ? concurrency : 1, http1 ? 1 : concurrency), progress);
    }

    /**
     * Sends the plan's requests and waits for their answers.
     *
     * @param progress told the number of completed requests, from the sending threads
     */
    public static Result run(Plan plan, IntConsumer progress) throws IOException, InterruptedException {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < plan.connections(); i++) {
            clients.add(newClient(plan.protocol(), plan.targets().get(0)));
        }
        Run run = new Run(plan);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        // One request per connection first: an h2c Upgrade must complete before other streams can share it.
        for (HttpClient client : clients) {
            if (send(client, run)) {
                progress.accept(done.incrementAndGet());
            }
        }
        int lanes = Math.min(MAX_IN_FLIGHT, plan.connections() * plan.inFlightPerConnection());
        ExecutorService pool = Executors.newFixedThreadPool(lanes, runnable -> {
            Thread thread = new Thread(runnable, "httpmem-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int lane = 0; lane < lanes; lane++) {
                HttpClient client = clients.get(lane % clients.size());
                pool.execute(() -> {
                    while (send(client, run)) {
                        progress.accept(done.incrementAndGet());
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } finally {
            pool.shutdownNow();
        }
        int sent = done.get();
        return new Result(sent, run.ok.get(), sent - run.ok.get(), Duration.ofNanos(System.nanoTime() - start),
                run.firstFailure.get(), run.negotiated.get(), run.statusClasses(), run.unreachable);
    }

    /** Sends the next request of the plan, if any is left; returns whether one was sent. */
    @SuppressWarnings("EnumOrdinal") // one atomic counter per status class, by its position
    private static boolean send(HttpClient client, Run run) {
        int index = run.next.getAndIncrement();
        if (index >= run.plan.requests() || run.unreachable) {
            return false;
        }
        URI target = run.plan.targets().get(index % run.plan.targets().size());
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            run.answered.incrementAndGet();
            run.negotiated.compareAndSet(null,
                    response.version() == HttpClient.Version.HTTP_2 ? Protocol.HTTP_2 : Protocol.HTTP_1_1);
            run.statusClasses.incrementAndGet(StatusClass.of(response.statusCode()).ordinal());
            if (response.statusCode() >= 200 && response.statusCode() < 400) {
                run.ok.incrementAndGet();
            } else {
                run.firstFailure.compareAndSet(null, "HTTP " + response.statusCode() + " from " + target);
            }
        } catch (IOException e) {
            run.firstFailure.compareAndSet(null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (" + target + ")");
            if (e instanceof ConnectException && run.answered.get() == 0) {
                run.unreachable = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static HttpClient newClient(Protocol protocol, URI uri) throws IOException {
        if (System.getProperty(STREAM_WINDOW) == null) {
            System.setProperty(STREAM_WINDOW, DEFAULT_STREAM_WINDOW);
        }
        if (System.getProperty(READ_BUFFER) == null) {
            System.setProperty(READ_BUFFER, DEFAULT_READ_BUFFER);
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(protocol == Protocol.HTTP_1_1 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10));
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            builder.sslContext(trustingContext());
        }
        return builder.build();
    }

    private static SSLContext trustingContext() throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
