package io.helidon.http.http2;

/** Stand-in for a Helidon HTTP/2 frame to write (helidon-http-http2; a record there). */
public final class Http2FrameData {
    public Http2FrameHeader header() {
        throw new UnsupportedOperationException("stub");
    }
}
