package dev.httpmem.schema;

/**
 * Fields several httpmem events carry under one name and with one meaning (an exchange's id, its connection's,
 * its protocol, the listing an event belongs to): code that reads them from any of those events reads them by these.
 */
public final class CommonFields {
    public static final String AGE = "age";
    public static final String ALLOCATED_BYTES = "allocatedBytes";
    public static final String CONNECTION_ID = "connectionId";
    public static final String EXCHANGE_ID = "exchangeId";
    public static final String EXCHANGES = "exchanges";
    public static final String HTTP1_EXCHANGES = "http1Exchanges";
    public static final String HTTP2_EXCHANGES = "http2Exchanges";
    public static final String LISTING = "listing";
    public static final String METHOD = "method";
    public static final String PATH = "path";
    public static final String PROTOCOL = "protocol";
    /** Which side of its exchanges the recorded JVM was: {@link Roles#SERVER} or {@link Roles#CLIENT}. */
    public static final String ROLE = "role";
    public static final String STACK = "stack";
    public static final String STREAM_ID = "streamId";

    private CommonFields() {}
}
