package io.helidon.http;

/** Stand-in for Helidon's HTTP method (helidon-http). */
public final class Method {
    public String text() {
        throw new UnsupportedOperationException("stub");
    }
}
