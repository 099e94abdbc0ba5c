package dev.httpmem.examples.reactornetty;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.EnumSet;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.tcp.SslProvider;

/**
 * Reactor Netty's HTTP server (Spring WebFlux's default), on Netty: HTTP/1.1 and h2c (Upgrade and prior knowledge)
 * on one port, h2 or HTTP/1.1 over TLS (ALPN) on another, handlers on the event loop, with h2-body-retention planted
 * on HTTP/2's {@code /body}.
 */
public final class ReactorNettyExampleServer {
    private static final String LOOPBACK = "127.0.0.1";

    private ReactorNettyExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("reactor-netty", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "reactor-netty", EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.BURST));
        Duration idle = Duration.ofMillis(options.idleTimeoutMillis());
        DisposableServer plain = HttpServer.create().host(LOOPBACK).port(options.port()).idleTimeout(idle)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .handle((request, response) -> handle(request, response, hooks))
                .bindNow();
        Http2SslContextSpec sslContext = Http2SslContextSpec.forServer(SelfSignedKeyStore.keyManagers());
        DisposableServer tls = HttpServer.create().host(LOOPBACK).port(options.tlsPort()).idleTimeout(idle)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2)
                .secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) sslContext))
                .handle((request, response) -> handle(request, response, hooks))
                .bindNow();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plain.disposeNow();
            tls.disposeNow();
        }, "reactor-netty-stop"));
        System.out.println(ExampleServerOptions.readyLine("reactor-netty", plain.port(), tls.port()));
        System.out.flush();
        plain.onDispose().block();
    }

    private static Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, ScenarioHooks hooks) {
        String path = request.fullPath();
        try {
            if (path.equals("/body")) {
                String uri = request.uri();
                int query = uri.indexOf('?');
                byte[] body = Bodies.json(Bodies.sizeParameter(query < 0 ? null : uri.substring(query + 1)));
                if (request.version().majorVersion() == 2) {
                    hooks.writingHttp2Body(body);
                }
                return response.header("content-type", "application/json").sendByteArray(Mono.just(body));
            }
            if (path.equals("/hang")) {
                return Mono.never(); // never answered: the exchange stays open
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                return response.sendString(Mono.just("ok"));
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                return response.sendString(Mono.just("ok"));
            }
        } catch (IllegalArgumentException e) {
            return response.status(400).sendString(Mono.just(String.valueOf(e.getMessage())));
        }
        return response.status(404).send();
    }
}
