package dev.httpmem.agent.runtime;

import dev.httpmem.schema.Roles;

/**
 * Which side of an exchange the JVM is: it answers the request (a server) or sends it (a client). {@link #label}
 * is how the recording names it ({@code httpmem.Exchange}'s and {@code httpmem.Slice}'s role). A client writes the
 * request and reads the response, so what a server's exchange counts as its response's a client's counts as its
 * request's.
 */
public enum Role {
    SERVER(Roles.SERVER),
    CLIENT(Roles.CLIENT);

    final String label;

    Role(String label) {
        this.label = label;
    }
}
