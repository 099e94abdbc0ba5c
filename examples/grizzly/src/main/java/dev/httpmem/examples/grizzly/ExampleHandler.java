package dev.httpmem.examples.grizzly;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ScenarioHooks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code GET /body?size=N}, {@code GET /alloc/N}, {@code GET /burst} (in the burst scenario) and {@code GET /hang}
 * (suspended, never resumed), with h2-body-retention planted on HTTP/2's {@code /body}.
 */
final class ExampleHandler extends HttpHandler {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final ScenarioHooks hooks;

    ExampleHandler(ScenarioHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(request.getQueryString()));
                if (request.getProtocol() == Protocol.HTTP_2_0) {
                    hooks.writingHttp2Body(body);
                }
                respond(response, 200, "application/json", body);
                return;
            }
            if (path.equals("/hang")) {
                response.suspend(); // never resumed: the exchange stays open
                return;
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                respond(response, 200, "text/plain", OK);
                return;
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                respond(response, 200, "text/plain", OK);
                return;
            }
        } catch (IllegalArgumentException e) {
            respond(response, 400, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(response, 404, "text/plain", new byte[0]);
    }

    private static void respond(Response response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
