package dev.httpmem.examples.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seeds' leaks, planted on purpose in an example server ({@code --scenario NAME --leaky}), each with a clean
 * twin ({@code --scenario NAME}, the default mode) that does the same work and keeps nothing.
 */
public enum Scenario {
    /** No planted behaviour. */
    NONE,
    /** HTTP.jl #1271: on HTTP/2's response-writing path only, a copy proportional to the body is kept per response. */
    H2_BODY_RETENTION,
    /** Caddy #7778: an HTTP/2 response wrapper is registered somewhere that outlives the exchange. */
    H2_WRAPPER_RETENTION,
    /** The Go report: an HTTP/1.1 response buffer stays reachable until the client closes the connection. */
    H1_HELD_UNTIL_CLOSE,
    /**
     * A stream that fails in a stack hook files its HTTP/2 connection with a registry that never forgets it: the
     * connection, and the state it carries, stay reachable after the client has gone.
     */
    CONNECTION_LEAK,
    /** One request path keeps 20 MiB, once. */
    BURST,
    /** The lighttpd seed: HTTP/2 responses take direct buffers from a pool that grows and never shrinks. */
    H2_OFFHEAP_GROWTH;

    /**
     * The scenario called {@code name}.
     *
     * @throws IllegalArgumentException naming the scenarios there are, for a name that is none of them
     */
    public static Scenario parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "' (" + String.join(", ", names()) + ")");
        }
    }

    /** The planted scenarios' names as {@code --scenario} takes them. */
    public static List<String> names() {
        return Arrays.stream(values()).filter(scenario -> scenario != NONE).map(Scenario::optionName).toList();
    }

    /** The name {@code --scenario} takes, e.g. {@code h2-body-retention}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
