package dev.httpmem.schema;

/** The fields of {@code httpmem.LeakedConnection} ({@link EventNames#LEAKED_CONNECTION}), by the names the agent records them under. */
public final class LeakedConnectionFields {
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String STACK = CommonFields.STACK;
    public static final String PROTOCOL = CommonFields.PROTOCOL;
    public static final String ROLE = CommonFields.ROLE;
    public static final String KIND = "kind";
    public static final String AGE = CommonFields.AGE;
    public static final String LEAKED_FOR = "leakedFor";
    public static final String EXCHANGES = CommonFields.EXCHANGES;
    public static final String FAILED_EXCHANGES = "failedExchanges";
    public static final String LISTING = CommonFields.LISTING;

    private LeakedConnectionFields() {}
}
