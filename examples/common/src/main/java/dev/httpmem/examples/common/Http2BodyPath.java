package dev.httpmem.examples.common;

import java.util.Set;

/**
 * The h2-body-retention scenario for a server that writes each HTTP/2 response body in one piece (Netty, Tomcat):
 * its leaky mode keeps a share of every body on HTTP/2's response path, its clean twin keeps nothing. The other
 * scenarios are Jetty's only.
 */
public final class Http2BodyPath {
    private final boolean keepsBodies;

    private Http2BodyPath(boolean keepsBodies) {
        this.keepsBodies = keepsBodies;
    }

    /** @throws IllegalArgumentException for a scenario this path does not plant */
    public static Http2BodyPath of(ExampleServerOptions options, String stack) {
        if (!Set.of(Scenario.NONE, Scenario.H2_BODY_RETENTION).contains(options.scenario())) {
            throw new IllegalArgumentException("the " + stack + " example plants h2-body-retention only, not "
                    + options.scenario().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return new Http2BodyPath(options.leaks(Scenario.H2_BODY_RETENTION));
    }

    /** {@code body} is about to be written as an HTTP/2 response. */
    public void writing(byte[] body) {
        if (keepsBodies) {
            BodyRetention.keep(body, 0, body.length);
        }
    }
}
