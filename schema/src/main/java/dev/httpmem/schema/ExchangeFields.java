package dev.httpmem.schema;

/** The fields of {@code httpmem.Exchange} ({@link EventNames#EXCHANGE}), by the names the agent records them under. */
public final class ExchangeFields {
    public static final String EXCHANGE_ID = CommonFields.EXCHANGE_ID;
    public static final String PROTOCOL = CommonFields.PROTOCOL;
    public static final String ROLE = CommonFields.ROLE;
    public static final String STACK = CommonFields.STACK;
    public static final String CONNECTION_ID = CommonFields.CONNECTION_ID;
    public static final String STREAM_ID = CommonFields.STREAM_ID;
    public static final String METHOD = CommonFields.METHOD;
    public static final String PATH = CommonFields.PATH;
    public static final String STATUS = "status";
    public static final String OUTCOME = "outcome";
    public static final String FAILURE = "failure";
    public static final String REQUEST_BODY_BYTES = "requestBodyBytes";
    public static final String RESPONSE_BODY_BYTES = "responseBodyBytes";
    public static final String RESPONSE_WRITES = "responseWrites";
    public static final String ALLOCATED_BYTES = CommonFields.ALLOCATED_BYTES;
    public static final String ALLOCATION_MEASURED = "allocationMeasured";

    private ExchangeFields() {}
}
