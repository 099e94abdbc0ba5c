package io.helidon.http;

import io.helidon.common.uri.UriPath;

/** Stand-in for Helidon's request line (helidon-http): the members httpmem's advice calls. */
public class HttpPrologue {
    public Method method() {
        throw new UnsupportedOperationException("stub");
    }

    public UriPath uriPath() {
        throw new UnsupportedOperationException("stub");
    }
}
