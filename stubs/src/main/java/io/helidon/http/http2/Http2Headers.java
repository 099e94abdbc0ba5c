package io.helidon.http.http2;

import io.helidon.http.Method;
import io.helidon.http.Status;

/** Stand-in for Helidon's HTTP/2 header block (helidon-http-http2). */
public class Http2Headers {
    public Status status() {
        throw new UnsupportedOperationException("stub");
    }

    public String path() {
        throw new UnsupportedOperationException("stub");
    }

    public Method method() {
        throw new UnsupportedOperationException("stub");
    }
}
