package dev.httpmem.schema;

/** The fields of {@code httpmem.Retention} ({@link EventNames#RETENTION}), by the names the agent records them under. */
public final class RetentionFields {
    public static final String PROTOCOL = CommonFields.PROTOCOL;
    public static final String OBJECT_TYPE = "objectType";
    public static final String CONNECTION_OPEN = "connectionOpen";
    public static final String RETAINED = "retained";
    public static final String TRACKED_EXCHANGES = "trackedExchanges";
    public static final String SAMPLING = "sampling";

    private RetentionFields() {}
}
