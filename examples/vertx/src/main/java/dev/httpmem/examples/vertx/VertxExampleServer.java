package dev.httpmem.examples.vertx;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyStoreOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x core's HTTP server, on Netty: HTTP/1.1 and h2c (Upgrade, through Vert.x's own upgrade handler, and prior
 * knowledge) on one port, h2 or HTTP/1.1 over TLS (ALPN) on another. Handlers run on the event loop, as Vert.x
 * handlers do, with h2-body-retention planted on HTTP/2's {@code /body}. Builds unchanged against Vert.x 4.5 and 5.0.
 */
public final class VertxExampleServer {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Buffer OK = Buffer.buffer("ok");

    private VertxExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("vertx", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "vertx", EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.BURST));
        Vertx vertx = Vertx.vertx();
        int idleSeconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(options.idleTimeoutMillis()));
        HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(options.port())
                        .setHttp2ClearTextEnabled(true).setIdleTimeout(idleSeconds))
                .requestHandler(request -> handle(request, hooks));
        KeyStoreOptions keyStore = new KeyStoreOptions().setType("PKCS12")
                .setPath(SelfSignedKeyStore.create().toString()).setPassword(SelfSignedKeyStore.PASSWORD);
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(options.tlsPort())
                        .setSsl(true).setUseAlpn(true).setKeyCertOptions(keyStore)
                        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)).setIdleTimeout(idleSeconds))
                .requestHandler(request -> handle(request, hooks));
        int port = plain.listen().toCompletionStage().toCompletableFuture().get().actualPort();
        int tlsPort = tls.listen().toCompletionStage().toCompletableFuture().get().actualPort();
        Runtime.getRuntime().addShutdownHook(new Thread(vertx::close, "vertx-stop"));
        System.out.println(ExampleServerOptions.readyLine("vertx", port, tlsPort));
        System.out.flush();
    }

    private static void handle(HttpServerRequest request, ScenarioHooks hooks) {
        String path = request.path();
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(request.query()));
                if (request.version() == HttpVersion.HTTP_2) {
                    hooks.writingHttp2Body(body);
                }
                request.response().putHeader("content-type", "application/json").end(Buffer.buffer(body));
                return;
            }
            if (path.equals("/hang")) {
                return; // never answered: the exchange stays open
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                request.response().end(OK);
                return;
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                request.response().end(OK);
                return;
            }
        } catch (IllegalArgumentException e) {
            request.response().setStatusCode(400).end(String.valueOf(e.getMessage()));
            return;
        }
        request.response().setStatusCode(404).end();
    }
}
