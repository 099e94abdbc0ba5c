package dev.httpmem.agent.stacks.tomcat.helpers;

import org.apache.tomcat.util.http.MimeHeaders;

/**
 * What Tomcat's advice shares, defined beside Tomcat's header classes in each loader that has them (see
 * {@link dev.httpmem.agent.stacks.Helpers}).
 */
public final class HttpmemTomcatHelpers {
    private HttpmemTomcatHelpers() {}

    /** The status an HTTP/2 response's headers carry (its {@code :status} pseudo-header), or 0. */
    public static int status(MimeHeaders headers) {
        String status = headers.getHeader(":status");
        return status == null ? 0 : Integer.parseInt(status);
    }
}
