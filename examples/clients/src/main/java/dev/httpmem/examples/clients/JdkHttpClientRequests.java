package dev.httpmem.examples.clients;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's requests through the JDK's {@code java.net.http.HttpClient}: GETs of the URL from
 * {@link ClientDriver.Options#concurrency} threads, each body handled as the client's subscriber completes, on the
 * client's thread that read its end. The JDK's client speaks h2c only by Upgrade: an HTTP/2 client offers it on each
 * new connection and sends the later requests as streams of the connections that took it.
 */
final class JdkHttpClientRequests {
    /**
     * The client misreads an h2c Upgrade's first frames when what the server sent behind its 101 spans more than
     * one read buffer (httpmem's {@code LoadDriver} says more); a buffer larger than the server's first window holds
     * them. Read when the client's classes load; the user's own setting wins.
     */
    private static final String READ_BUFFER = "jdk.httpclient.bufsize";
    private static final String DEFAULT_READ_BUFFER = Integer.toString(256 * 1024);
    private static final int OK = 200;

    private JdkHttpClientRequests() {}

    /**
     * One client for every phase, as a service has one: each request asks for its protocol. A client per phase
     * would close its connections only once the collector found it unreachable, some way into the next phase,
     * letting go of what they hold (their read buffers, their first exchange) as a step in that phase's heap.
     */
    private static final class Shared {
        /**
         * The client's executor, daemon threads cached as its default's are; the driver's own so that it can wait for
         * it ({@code HttpClient.close} is JDK 21's).
         */
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "jdk-client-worker");
            thread.setDaemon(true);
            return thread;
        });
        static final HttpClient CLIENT = create();

        private static HttpClient create() {
            if (System.getProperty(READ_BUFFER) == null) {
                System.setProperty(READ_BUFFER, DEFAULT_READ_BUFFER);
            }
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(EXECUTOR).build();
        }
    }

    /** Sends the requests and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) throws InterruptedException {
        HttpClient client = Shared.CLIENT;
        HttpClient.Version version = phase == ClientDriver.Phase.HTTP_1_1 ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
        HttpRequest request = HttpRequest.newBuilder(options.url()).version(version).timeout(Duration.ofSeconds(30)).build();
        HttpResponse.BodyHandler<Boolean> handler = info -> new HandlingSubscriber(options, info);
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < options.concurrency(); i++) {
                running.add(senders.submit(() -> {
                    while (next.getAndIncrement() < options.requests()) {
                        try {
                            if (!client.send(request, handler).body()) {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sender failed", e.getCause());
        } finally {
            senders.shutdownNow();
        }
        return failed.get();
    }

    /** Stops the client's executor once every phase is done, waiting for the work it had begun. */
    static void close() throws InterruptedException {
        Shared.EXECUTOR.shutdown();
        Shared.EXECUTOR.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * A response's body read whole and handled as the client completes its subscriber, on the client's thread that
     * read its end. Not by mapping {@code ofByteArray()}: the client asks a subscriber for its body on another task,
     * and a mapping of a body that was read before that runs there, after the client's own work for the exchange.
     */
    private static final class HandlingSubscriber implements HttpResponse.BodySubscriber<Boolean> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<Boolean> handled = new CompletableFuture<>();
        private final ClientDriver.Options options;
        private final HttpResponse.ResponseInfo info;

        HandlingSubscriber(ClientDriver.Options options, HttpResponse.ResponseInfo info) {
            this.options = options;
            this.info = info;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            bytes.onNext(buffers);
        }

        @Override
        public void onError(Throwable thrown) {
            bytes.onError(thrown);
            handled.completeExceptionally(thrown);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
            if (info.statusCode() != OK) {
                handled.complete(false);
                return;
            }
            // Complete already: ofByteArray() joins the body as it completes.
            options.handle(bytes.getBody().toCompletableFuture().join(), info.version() == HttpClient.Version.HTTP_2);
            handled.complete(true);
        }

        @Override
        public CompletionStage<Boolean> getBody() {
            return handled;
        }
    }
}
