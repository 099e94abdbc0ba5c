package dev.httpmem.analysis.read;

import dev.httpmem.schema.Roles;

/**
 * Which side of an exchange the recorded JVM was: it answered the request (a server) or sent it (a client). The
 * analyses key a client's exchanges apart from a server's by {@link #protocolKey}: "client HTTP/2" beside
 * "HTTP/2", so a recording without client exchanges reads as it did before roles were recorded.
 */
public enum ExchangeRole {
    SERVER,
    CLIENT;

    private static final String CLIENT_PREFIX = "client ";

    /** The role a recording names, {@link #SERVER} where it names none (recordings of older agents). */
    public static ExchangeRole of(String recorded) {
        return Roles.CLIENT.equals(recorded) ? CLIENT : SERVER;
    }

    /** What the analyses group this role's exchanges of {@code protocol} under: the protocol, or "client " and it. */
    public String protocolKey(String protocol) {
        return this == CLIENT ? CLIENT_PREFIX + protocol : protocol;
    }

    /** The role whose exchanges are grouped under {@code protocolKey} ({@link #protocolKey}). */
    public static ExchangeRole ofKey(String protocolKey) {
        return protocolKey.startsWith(CLIENT_PREFIX) ? CLIENT : SERVER;
    }

    /** {@link #protocolKey} of the role a recording names. */
    public static String protocolKey(String recordedRole, String protocol) {
        return of(recordedRole).protocolKey(protocol);
    }
}
