package dev.httpmem.examples.helidon;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Helidon 4 SE's web server (Java 21+): HTTP/1.1 and h2c (Upgrade and prior knowledge) on one port, h2 or
 * HTTP/1.1 over TLS (ALPN) on another, a virtual thread per connection and per HTTP/2 stream.
 * {@code GET /body?size=N}, {@code GET /alloc/N} and {@code GET /hang} (never answered); a request with the fail
 * header fails in a filter, before its handler; plants h2-body-retention.
 */
public final class HelidonExampleServer {
    private static final String STACK = "helidon";
    private static final String TLS_SOCKET = "https";
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final HeaderName FAIL_HEADER = HeaderNames.create(ConnectionStates.FAIL_HEADER);

    private HelidonExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit(STACK, args);
        ScenarioHooks hooks = ScenarioHooks.of(options, STACK, EnumSet.of(Scenario.H2_BODY_RETENTION));
        Tls tls = tls();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(options.port())
                .routing(routing -> routing(routing, hooks))
                .putSocket(TLS_SOCKET, socket -> socket.host("127.0.0.1").port(options.tlsPort()).tls(tls)
                        .routing(routing -> routing(routing, hooks)))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "helidon-stop"));
        System.out.println(ExampleServerOptions.readyLine(STACK, server.port(), server.port(TLS_SOCKET)));
        System.out.flush();
    }

    private static void routing(HttpRouting.Builder routing, ScenarioHooks hooks) {
        routing.addFilter((chain, request, response) -> {
            hooks.requestHeaders(request.remotePeer(), http2(request),
                    request.headers().first(FAIL_HEADER).orElse(null));
            chain.proceed();
        })
                .get("/body", (request, response) -> body(request, response, hooks))
                .get("/alloc/*", HelidonExampleServer::alloc)
                .get("/hang", (request, response) -> hang());
    }

    private static boolean http2(ServerRequest request) {
        return request.prologue().protocolVersion().equals("2.0");
    }

    /** Holds its virtual thread and never answers, until the server stops. */
    private static void hang() throws InterruptedException {
        Thread.sleep(Duration.ofHours(1));
    }

    private static void body(ServerRequest request, ServerResponse response, ScenarioHooks hooks) {
        byte[] body;
        try {
            body = Bodies.json(Bodies.sizeParameter(request.query().rawValue()));
        } catch (IllegalArgumentException e) {
            response.status(Status.BAD_REQUEST_400).send(e.getMessage());
            return;
        }
        if (http2(request)) {
            hooks.writingHttp2Body(body);
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/json").send(body);
    }

    private static void alloc(ServerRequest request, ServerResponse response) {
        try {
            Allocations.allocate(Allocations.parsePath(request.path().rawPath()));
        } catch (IllegalArgumentException e) {
            response.status(Status.BAD_REQUEST_400).send(e.getMessage());
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "text/plain").send(OK);
    }

    /** The example's self-signed key and certificate, as Helidon takes them. */
    private static Tls tls() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        char[] password = SelfSignedKeyStore.PASSWORD.toCharArray();
        try (InputStream in = Files.newInputStream(SelfSignedKeyStore.create())) {
            keyStore.load(in, password);
        }
        String alias = keyStore.aliases().nextElement();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : keyStore.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return Tls.builder().privateKey((PrivateKey) keyStore.getKey(alias, password)).privateKeyCertChain(chain).build();
    }
}
