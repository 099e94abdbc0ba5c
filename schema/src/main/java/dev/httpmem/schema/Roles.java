package dev.httpmem.schema;

/**
 * The values of {@link CommonFields#ROLE}: the recorded JVM answered the exchange (a server) or sent it (a
 * client). Recordings of agents before it lack the field: their exchanges are all a server's.
 */
public final class Roles {
    public static final String SERVER = "server";
    public static final String CLIENT = "client";

    private Roles() {}
}
