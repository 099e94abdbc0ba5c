package io.helidon.http;

/** Stand-in for Helidon's response status (helidon-http). */
public class Status {
    public int code() {
        throw new UnsupportedOperationException("stub");
    }
}
