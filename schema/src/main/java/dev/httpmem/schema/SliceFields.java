package dev.httpmem.schema;

/** The fields of {@code httpmem.Slice} ({@link EventNames#SLICE}), by the names the agent records them under. */
public final class SliceFields {
    public static final String EXCHANGE_ID = CommonFields.EXCHANGE_ID;
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String PROTOCOL = CommonFields.PROTOCOL;
    public static final String ROLE = CommonFields.ROLE;
    public static final String STREAM_ID = CommonFields.STREAM_ID;
    public static final String KIND = "kind";
    public static final String ALLOCATED_BYTES = CommonFields.ALLOCATED_BYTES;

    private SliceFields() {}
}
