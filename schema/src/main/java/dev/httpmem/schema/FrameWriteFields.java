package dev.httpmem.schema;

/** The fields of {@code httpmem.FrameWrite} ({@link EventNames#FRAME_WRITE}), by the names the agent records them under. */
public final class FrameWriteFields {
    public static final String EXCHANGE_ID = CommonFields.EXCHANGE_ID;
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String STREAM_ID = CommonFields.STREAM_ID;
    public static final String FRAME_TYPE = "frameType";
    public static final String PAYLOAD_BYTES = "payloadBytes";
    public static final String END_STREAM = "endStream";
    public static final String ALLOCATED_BYTES = CommonFields.ALLOCATED_BYTES;

    private FrameWriteFields() {}
}
