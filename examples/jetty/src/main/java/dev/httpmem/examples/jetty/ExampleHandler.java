package dev.httpmem.examples.jetty;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.BodyRetention;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.WrapperRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /body?size=N}, {@code GET /alloc/N}, {@code GET /burst} (in the burst scenario) and {@code GET /hang}
 * (a handler that never completes) on Jetty's core handler API, with the seeds' scenarios planted on {@code /body}
 * when the server runs one.
 */
final class ExampleHandler extends Handler.Abstract {
    private static final String HELD_BUFFERS = "httpmem.example.heldBuffers";

    private final ExampleServerOptions options;
    private final ScenarioHooks hooks;

    ExampleHandler(ExampleServerOptions options, ScenarioHooks hooks) {
        this.options = options;
        this.hooks = hooks;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        try {
            if (path.equals("/body")) {
                byte[] body = Bodies.json(Bodies.sizeParameter(request.getHttpURI().getQuery()));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                writeBody(request, response, body, callback);
                return true;
            }
            if (path.equals("/hang")) {
                return true;
            }
            if (path.equals(ScenarioHooks.BURST_PATH) && hooks.burst()) {
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
            if (path.startsWith("/alloc/")) {
                Allocations.allocate(Allocations.parsePath(path));
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        } catch (IllegalArgumentException e) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return true;
        }
        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        return true;
    }

    private void writeBody(Request request, Response response, byte[] body, Callback callback) {
        boolean http2 = request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2;
        switch (http2 ? options.scenario() : Scenario.NONE) {
            case H2_BODY_RETENTION -> {
                Response writer = options.leaky() ? new BodyKeepingResponse(request, response) : response;
                writer.write(true, ByteBuffer.wrap(body), callback);
                return;
            }
            case H2_WRAPPER_RETENTION -> {
                Response wrapper = new Response.Wrapper(request, response);
                WrapperRegistry.register(wrapper);
                Callback unregister = options.leaky() ? callback : Callback.from(callback, () -> WrapperRegistry.unregister(wrapper));
                wrapper.write(true, ByteBuffer.wrap(body), unregister);
                return;
            }
            case H2_OFFHEAP_GROWTH -> hooks.writingHttp2Body(body);
            default -> { }
        }
        if (!http2 && options.scenario() == Scenario.H1_HELD_UNTIL_CLOSE) {
            byte[] copy = body.clone();
            if (options.leaky()) {
                heldBuffers(request.getConnectionMetaData()).add(copy);
            }
            response.write(true, ByteBuffer.wrap(copy), callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Buffers held by the connection: gone only when the connection is. */
    @SuppressWarnings("unchecked")
    private static List<byte[]> heldBuffers(ConnectionMetaData connection) {
        synchronized (connection) {
            List<byte[]> held = (List<byte[]>) connection.getAttribute(HELD_BUFFERS);
            if (held == null) {
                held = new ArrayList<>();
                connection.setAttribute(HELD_BUFFERS, held);
            }
            return held;
        }
    }

    /** The h2-body-retention leak on the response-writing path: every write keeps a share of its bytes. */
    private static final class BodyKeepingResponse extends Response.Wrapper {
        BodyKeepingResponse(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (content.hasArray()) {
                BodyRetention.keep(content.array(), content.arrayOffset() + content.position(), content.remaining());
            }
            super.write(last, content, callback);
        }
    }
}
