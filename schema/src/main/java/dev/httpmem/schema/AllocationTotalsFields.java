package dev.httpmem.schema;

/** The fields of {@code httpmem.AllocationTotals} ({@link EventNames#ALLOCATION_TOTALS}), by the names the agent records them under. */
public final class AllocationTotalsFields {
    public static final String JVM_ALLOCATED_BYTES = "jvmAllocatedBytes";
    public static final String HTTP1_EXCHANGES = CommonFields.HTTP1_EXCHANGES;
    public static final String HTTP1_EXCHANGE_BYTES = "http1ExchangeBytes";
    public static final String HTTP1_CONNECTION_BYTES = "http1ConnectionBytes";
    public static final String HTTP2_EXCHANGES = CommonFields.HTTP2_EXCHANGES;
    public static final String HTTP2_EXCHANGE_BYTES = "http2ExchangeBytes";
    public static final String HTTP2_CONNECTION_BYTES = "http2ConnectionBytes";
    public static final String IO_LOOP_BYTES = "ioLoopBytes";
    public static final String PROFILER_BYTES = "profilerBytes";
    public static final String UNASSIGNED_CONNECTION_BYTES = "unassignedConnectionBytes";

    private AllocationTotalsFields() {}
}
