package dev.httpmem.examples.clients;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The driver's requests through Vert.x 4.5's {@code HttpClient} (on Netty 4.1): HTTP/1.1, or h2c by prior
 * knowledge, {@link ClientDriver.Options#concurrency} at a time, each body read whole and handled as its future
 * completes, on the event loop that read its end.
 */
final class VertxClientRequests {
    private static final int OK = 200;

    private VertxClientRequests() {}

    /**
     * One Vert.x for every phase, as a service has one; a client per protocol, as Vert.x 4.5 sets the protocol per
     * client, each with its default pool (5 HTTP/1.1 connections, 1 HTTP/2 one multiplexed).
     */
    private static final class Shared {
        static final Vertx VERTX = Vertx.vertx();
        static final HttpClient HTTP_1_1 = VERTX.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1));
        static final HttpClient H2C = VERTX.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    /** Sends the requests and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) throws InterruptedException {
        boolean http2 = phase == ClientDriver.Phase.H2C;
        HttpClient client = http2 ? Shared.H2C : Shared.HTTP_1_1;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(options.url().toString());
        InFlight inFlight = new InFlight(options);
        for (int i = 0; i < options.requests(); i++) {
            inFlight.begin();
            client.request(request)
                    .compose(sent -> sent.send())
                    .compose(response -> response.body().map(body -> {
                        if (response.statusCode() != OK) {
                            return false;
                        }
                        options.handle(body.getBytes(), http2);
                        return true;
                    }))
                    .onComplete(handled -> inFlight.end(handled.succeeded() && handled.result()));
        }
        return inFlight.awaitFailed();
    }

    /** Closes the clients and Vert.x once every phase is done, waiting for its event loops to finish their work. */
    static void close() throws InterruptedException {
        try {
            Shared.VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Vert.x did not close", e);
        }
    }
}
