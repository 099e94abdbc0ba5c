package dev.httpmem.examples.undertow;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ScenarioHooks;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Protocols;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /body?size=N}, {@code GET /alloc/N}, {@code GET /burst} (in the burst scenario) and {@code GET /hang}
 * (never answered), run on a worker thread as blocking handlers are, with h2-body-retention planted on HTTP/2's
 * {@code /body}; a request with the examples' fail header fails before, on the I/O thread.
 */
final class ExampleHandler implements HttpHandler {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final ScenarioHooks hooks;

    ExampleHandler(ScenarioHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            // The stack hook of the examples' failing requests: the first handler, which throws, and Undertow answers 500.
            hooks.requestHeaders(exchange.getConnection(), exchange.getProtocol().equals(Protocols.HTTP_2_0),
                    exchange.getRequestHeaders().getFirst(ConnectionStates.FAIL_HEADER));
            exchange.dispatch(this);
            return;
        }
        String path = exchange.getRequestPath();
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(exchange.getQueryString()));
                if (exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
                    hooks.writingHttp2Body(body);
                }
                respond(exchange, 200, "application/json", body);
                return;
            }
            if (path.equals("/hang")) {
                exchange.dispatch(() -> { }); // neither answered nor ended: the exchange stays open
                return;
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                respond(exchange, 200, "text/plain", OK);
                return;
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                respond(exchange, 200, "text/plain", OK);
                return;
            }
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(exchange, 404, "text/plain", new byte[0]);
    }

    private static void respond(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
