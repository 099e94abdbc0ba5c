package dev.httpmem.agent.stacks.tomcat;

import dev.httpmem.agent.runtime.FieldReader;

/** Private Tomcat state that advice cannot reach directly (package-private classes, superclasses' fields). */
public final class TomcatFields {
    private static final FieldReader STREAM_ID =
            new FieldReader("org.apache.coyote.http2.AbstractStream", "identifier");

    private TomcatFields() {}

    /** An HTTP/2 {@code Stream}'s id. */
    public static int streamId(Object stream) throws Throwable {
        return (Integer) STREAM_ID.readOrSelf(stream);
    }
}
