package io.helidon.http.http2;

/** Stand-in for Helidon's HTTP/2 frame types (helidon-http-http2): {@link #type} is the type's code on the wire. */
public enum Http2FrameType {
    ;

    public int type() {
        throw new UnsupportedOperationException("stub");
    }
}
