package io.helidon.common.uri;

/** Stand-in for Helidon's request path (helidon-common-uri). */
public interface UriPath {
    String rawPath();
}
