package dev.httpmem.examples.tomcat;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /body?size=N}, {@code GET /alloc/N} and {@code GET /hang} (never completes) as a plain servlet. */
final class ExampleServlet extends HttpServlet {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        try {
            if (path.equals("/body")) {
                write(response, "application/json", Bodies.json(Bodies.sizeParameter(request.getQueryString())));
                return;
            }
            if (path.equals("/hang")) {
                request.startAsync().setTimeout(0);
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
