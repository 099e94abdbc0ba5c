package dev.httpmem.schema;

/** The fields of {@code httpmem.BodyWrite} ({@link EventNames#BODY_WRITE}), by the names the agent records them under. */
public final class BodyWriteFields {
    public static final String EXCHANGE_ID = CommonFields.EXCHANGE_ID;
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String STREAM_ID = CommonFields.STREAM_ID;
    public static final String BYTES = "bytes";
    public static final String LAST = "last";
    public static final String ALLOCATED_BYTES = CommonFields.ALLOCATED_BYTES;

    private BodyWriteFields() {}
}
