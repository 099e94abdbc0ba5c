package dev.httpmem.examples.clients;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * The driver's requests through Apache HttpClient 5's async client: HTTP/1.1 (its default client on a plain
 * {@code http://} URL), or h2c by prior knowledge (its HTTP/2-only client), {@link ClientDriver.Options#concurrency}
 * at a time, each body read whole and handled in the completion callback, on the I/O reactor's thread that read its
 * end.
 */
final class ApacheClientRequests {
    private static final int OK = 200;

    private ApacheClientRequests() {}

    /** A client per protocol for every phase, as a service keeps them; started as the driver first uses them. */
    private static final class Shared {
        static final CloseableHttpAsyncClient HTTP_1_1 = started(HttpAsyncClients.createDefault());
        static final CloseableHttpAsyncClient H2C = started(HttpAsyncClients.createHttp2Default());

        private static CloseableHttpAsyncClient started(CloseableHttpAsyncClient client) {
            client.start();
            return client;
        }
    }

    /** Sends the requests and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) throws InterruptedException {
        CloseableHttpAsyncClient client = phase == ClientDriver.Phase.H2C ? Shared.H2C : Shared.HTTP_1_1;
        Semaphore running = new Semaphore(options.concurrency());
        CountDownLatch done = new CountDownLatch(options.requests());
        AtomicLong failed = new AtomicLong();
        FutureCallback<SimpleHttpResponse> callback = new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                try {
                    if (response.getCode() != OK) {
                        failed.incrementAndGet();
                    } else {
                        options.handle(response.getBodyBytes(), response.getVersion().greaterEquals(HttpVersion.HTTP_2));
                    }
                } finally {
                    running.release();
                    done.countDown();
                }
            }

            @Override
            public void failed(Exception e) {
                failed.incrementAndGet();
                running.release();
                done.countDown();
            }

            @Override
            public void cancelled() {
                failed(null);
            }
        };
        for (int i = 0; i < options.requests(); i++) {
            running.acquire();
            SimpleHttpRequest request = SimpleRequestBuilder.get(options.url()).build();
            client.execute(request, callback);
        }
        done.await();
        return failed.get();
    }

    /** Closes both clients once every phase is done, waiting for their I/O reactors to finish their work. */
    static void close() throws InterruptedException {
        for (CloseableHttpAsyncClient client : new CloseableHttpAsyncClient[] {Shared.HTTP_1_1, Shared.H2C}) {
            client.close(CloseMode.GRACEFUL);
            client.awaitShutdown(TimeValue.ofSeconds(10));
        }
    }
}
