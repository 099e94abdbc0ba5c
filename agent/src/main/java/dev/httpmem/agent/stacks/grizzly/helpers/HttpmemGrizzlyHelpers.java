package dev.httpmem.agent.stacks.grizzly.helpers;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http2.Http2Stream;

/**
 * What Grizzly's advice shares, defined beside Grizzly's HTTP classes in each loader that has them (see
 * {@link dev.httpmem.agent.stacks.Helpers}). Grizzly's HTTP/2 classes are read only for HTTP/2 requests: an
 * application may have Grizzly's HTTP server without them.
 */
public final class HttpmemGrizzlyHelpers {
    private HttpmemGrizzlyHelpers() {}

    /**
     * The key of {@code request}'s exchange: an HTTP/1.1 request's {@code HttpContext}, which Grizzly makes anew per
     * exchange while it pools and recycles requests, or an HTTP/2 request's stream, which its last frames, sent after
     * the request was recycled, still name.
     */
    public static Object exchangeKey(HttpRequestPacket request) {
        return request.getProtocol() == Protocol.HTTP_2_0
                ? Http2Stream.getStreamFor(request) : request.getProcessingState().getHttpContext();
    }

    /**
     * The status of {@code stream}'s response, or 0 when its request was recycled (flow control may send the rest of
     * a response after that, when the request may serve another stream).
     */
    public static int status(Http2Stream stream) {
        HttpRequestPacket request = stream.getRequest();
        HttpResponsePacket response = Http2Stream.getStreamFor(request) == stream ? request.getResponse() : null;
        return response == null ? 0 : response.getStatus();
    }
}
