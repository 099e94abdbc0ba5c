package dev.httpmem.examples.tomcat;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ScenarioHooks;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /body?size=N}, {@code GET /alloc/N}, {@code GET /burst} (in the burst scenario) and {@code GET /hang}
 * (never completes) as a plain servlet, with the h2-body-retention scenario planted on HTTP/2's {@code /body} when
 * the server runs it.
 */
final class ExampleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private final transient ScenarioHooks hooks;

    ExampleServlet(ScenarioHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(request.getQueryString()));
                if ("HTTP/2.0".equals(request.getProtocol())) {
                    hooks.writingHttp2Body(body);
                }
                write(response, "application/json", body);
                return;
            }
            if (path.equals("/hang")) {
                request.startAsync().setTimeout(0);
                return;
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                write(response, "text/plain", OK);
                return;
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                write(response, "text/plain", OK);
                return;
            }
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private static void write(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
