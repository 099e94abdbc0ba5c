package io.helidon.http.http2;

/** Stand-in for a Helidon HTTP/2 frame header (helidon-http-http2). */
public class Http2FrameHeader {
    public Http2FrameType type() {
        throw new UnsupportedOperationException("stub");
    }

    public int length() {
        throw new UnsupportedOperationException("stub");
    }

    public int flags() {
        throw new UnsupportedOperationException("stub");
    }

    public int streamId() {
        throw new UnsupportedOperationException("stub");
    }
}
