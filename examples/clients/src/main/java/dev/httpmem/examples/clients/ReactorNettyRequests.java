package dev.httpmem.examples.clients;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;

/** The driver's requests through Reactor Netty's {@code HttpClient}: GETs of the URL, the body read on the event loop. */
final class ReactorNettyRequests {
    private ReactorNettyRequests() {}

    /** Sends the requests over one client (one connection pool) and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) {
        HttpClient client = HttpClient.create().protocol(phase.protocols());
        boolean http2 = phase.http2();
        Long failed = Flux.range(0, options.requests())
                .flatMap(i -> client.get().uri(options.url())
                        .responseSingle((response, body) -> response.status().code() != 200
                                ? Mono.just(1L)
                                : body.asByteArray().map(bytes -> {
                                    options.handle(bytes, http2);
                                    return 0L;
                                }).defaultIfEmpty(0L))
                        .onErrorReturn(1L), options.concurrency())
                .reduce(0L, Long::sum)
                .block();
        return failed == null ? options.requests() : failed;
    }

    /** Closes the clients' connections and stops their event loops once every phase is done, the loops' work run. */
    static void close() {
        HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, Duration.ofSeconds(10)).block();
    }
}
