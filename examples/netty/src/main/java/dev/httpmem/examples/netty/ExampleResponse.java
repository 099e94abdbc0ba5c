package dev.httpmem.examples.netty;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ScenarioHooks;
import java.nio.charset.StandardCharsets;

/**
 * What {@code GET /body?size=N}, {@code GET /alloc/N} and {@code GET /burst} (in the burst scenario) answer,
 * whatever the protocol; {@code GET /hang} has no answer, ever.
 */
@SuppressWarnings("ArrayRecordComponent") // a response to write, never compared
record ExampleResponse(int status, String contentType, byte[] body) {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "not found".getBytes(StandardCharsets.US_ASCII);

    /** Runs the endpoint for a request target ({@code /path?query}); null for one that never answers. */
    static ExampleResponse handle(String target, ScenarioHooks hooks) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(query < 0 ? null : target.substring(query + 1)));
                return new ExampleResponse(200, "application/json", body);
            }
            if (path.equals("/hang")) {
                return null;
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                return new ExampleResponse(200, "text/plain", OK);
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                return new ExampleResponse(200, "text/plain", OK);
            }
        } catch (IllegalArgumentException e) {
            return new ExampleResponse(400, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
        return new ExampleResponse(404, "text/plain", NOT_FOUND);
    }
}
