package dev.httpmem.schema;

/** The fields of {@code httpmem.OpenExchange} ({@link EventNames#OPEN_EXCHANGE}), by the names the agent records them under. */
public final class OpenExchangeFields {
    public static final String EXCHANGE_ID = CommonFields.EXCHANGE_ID;
    public static final String AGE = CommonFields.AGE;
    public static final String STACK = CommonFields.STACK;
    public static final String PROTOCOL = CommonFields.PROTOCOL;
    public static final String ROLE = CommonFields.ROLE;
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String STREAM_ID = CommonFields.STREAM_ID;
    public static final String METHOD = CommonFields.METHOD;
    public static final String PATH = CommonFields.PATH;
    public static final String WEAKLY_HELD = "weaklyHeld";
    public static final String LISTING = CommonFields.LISTING;

    private OpenExchangeFields() {}
}
