package dev.httpmem.examples.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /body?size=N}, {@code GET /alloc/N} and {@code GET /hang} (never answered) on the JDK server's
 * handler API.
 */
final class ExampleHandler implements HttpHandler {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    /** Exchanges of {@code /hang}, kept open for good: the handler returns without answering or closing them. */
    private static final List<HttpExchange> HANGING = new CopyOnWriteArrayList<>();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/hang")) {
            HANGING.add(exchange);
            return;
        }
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            try {
                if (path.equals("/body")) {
                    byte[] body = Bodies.json(Bodies.sizeParameter(exchange.getRequestURI().getRawQuery()));
                    respond(exchange, 200, "application/json", body);
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
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
