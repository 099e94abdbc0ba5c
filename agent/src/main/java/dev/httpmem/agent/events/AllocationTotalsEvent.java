package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.AllocationTotalsFields;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * What the JVM has allocated so far and how much of it the agent attributed, per protocol, to exchanges and to
 * the work their connections share: running totals since the agent started, so the difference of two events is
 * what a window of the recording cost.
 */
@Name(EventNames.ALLOCATION_TOTALS)
@Label("httpmem Allocation Totals")
@Category("HTTP Memory")
@Description("Bytes allocated by all of the JVM's threads and the part attributed to exchanges and connection work, since the agent started")
@StackTrace(false)
@Period("1 s")
public final class AllocationTotalsEvent extends jdk.jfr.Event {
    @Label("JVM Allocated") @Description("Bytes allocated by all threads, as the JVM counts them per thread")
    @Name(AllocationTotalsFields.JVM_ALLOCATED_BYTES) @DataAmount
    public long jvmAllocatedBytes;
    @Name(AllocationTotalsFields.HTTP1_EXCHANGES) @Label("HTTP/1.1 Exchanges") @Description("HTTP/1.1 exchanges finished")
    public long http1Exchanges;
    @Name(AllocationTotalsFields.HTTP1_EXCHANGE_BYTES) @Label("HTTP/1.1 Exchange Allocation") @DataAmount
    public long http1ExchangeBytes;
    @Label("HTTP/1.1 Connection Work") @Description("Bytes allocated working for HTTP/1.1 connections outside their exchanges")
    @Name(AllocationTotalsFields.HTTP1_CONNECTION_BYTES) @DataAmount
    public long http1ConnectionBytes;
    @Name(AllocationTotalsFields.HTTP2_EXCHANGES) @Label("HTTP/2 Exchanges") @Description("HTTP/2 exchanges finished")
    public long http2Exchanges;
    @Name(AllocationTotalsFields.HTTP2_EXCHANGE_BYTES) @Label("HTTP/2 Exchange Allocation") @DataAmount
    public long http2ExchangeBytes;
    @Label("HTTP/2 Connection Work") @Description("Bytes allocated working for HTTP/2 connections outside their exchanges: frames shared by their streams, reads that carry several")
    @Name(AllocationTotalsFields.HTTP2_CONNECTION_BYTES) @DataAmount
    public long http2ConnectionBytes;
    @Label("I/O Loop Work") @Description("Bytes allocated by the stacks' selector loops, pollers and acceptors, which serve all connections")
    @Name(AllocationTotalsFields.IO_LOOP_BYTES) @DataAmount
    public long ioLoopBytes;
    @Label("Profiler Work") @Description("Bytes allocated by the threads that run JFR's periodic events and the agent's heap checkpoints")
    @Name(AllocationTotalsFields.PROFILER_BYTES) @DataAmount
    public long profilerBytes;
    @Label("Connection Work Before Exchanges") @Description("Bytes allocated for connections that had not carried an exchange yet: TLS handshakes, prefaces")
    @Name(AllocationTotalsFields.UNASSIGNED_CONNECTION_BYTES) @DataAmount
    public long unassignedConnectionBytes;
}
