package dev.httpmem.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends GETs with the JDK's HttpClient: HTTP/1.1, or HTTP/2 (h2c by Upgrade on http://, ALPN on https://), a
 * bounded number in flight. TLS trusts any certificate: this drives test servers, it does not guard secrets.
 */
public final class LoadDriver {
    public enum Protocol { HTTP_1_1, HTTP_2 }

    /**
     * The JDK client announces a 16 MiB HTTP/2 stream window, in an h2c Upgrade's HTTP2-Settings header too.
     * Tomcat 10.1 and 11 apply that header after creating the upgraded stream 1, which keeps the protocol's default
     * window, so a response over 64 KiB on it stalls: the client sends no WINDOW_UPDATE until half of its 16 MiB is
     * read. Announcing the default window works with every server; the user's own setting wins.
     */
    private static final String STREAM_WINDOW = "jdk.httpclient.windowsize";
    private static final String DEFAULT_STREAM_WINDOW = "65535";

    public record Result(int sent, int ok, int failed, Duration elapsed) {}

    private LoadDriver() {}

    /**
     * @param progress told the number of completed requests, from the client's threads
     */
    public static Result run(Protocol protocol, URI uri, int requests, int concurrency, IntConsumer progress)
            throws IOException, InterruptedException {
        HttpClient client = newClient(protocol, uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        // One request first: an h2c Upgrade must complete before the others can share its connection.
        int first = sendOne(client, request);
        ok.addAndGet(first);
        progress.accept(done.incrementAndGet());
        Semaphore inFlight = new Semaphore(Math.max(1, concurrency));
        for (int i = 1; i < requests; i++) {
            inFlight.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                }
                progress.accept(done.incrementAndGet());
                inFlight.release();
            });
        }
        inFlight.acquire(Math.max(1, concurrency));
        return new Result(requests, ok.get(), requests - ok.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static int sendOne(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? 1 : 0;
    }

    private static HttpClient newClient(Protocol protocol, URI uri) throws IOException {
        if (System.getProperty(STREAM_WINDOW) == null) {
            System.setProperty(STREAM_WINDOW, DEFAULT_STREAM_WINDOW);
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
