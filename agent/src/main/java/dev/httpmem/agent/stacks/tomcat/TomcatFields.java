package dev.httpmem.agent.stacks.tomcat;

import dev.httpmem.agent.runtime.FieldReader;

/** Private Tomcat state that advice cannot reach directly (package-private classes, superclasses' fields). */
public final class TomcatFields {
    private static final FieldReader STREAM_ID =
            new FieldReader("org.apache.coyote.http2.AbstractStream", "identifier");
    private static final FieldReader CONNECTION_ID =
            new FieldReader("org.apache.tomcat.util.net.SocketWrapperBase", "connectionId");

    private TomcatFields() {}

    /** An HTTP/2 {@code Stream}'s id. */
    public static int streamId(Object stream) throws Throwable {
        return (Integer) STREAM_ID.readOrSelf(stream);
    }

    /** Tomcat's own id of a connection (its {@code ServletConnection} id), unique in the JVM. */
    public static long connectionId(Object socketWrapper) throws Throwable {
        return Long.parseLong((String) CONNECTION_ID.readOrSelf(socketWrapper), 16);
    }
}
