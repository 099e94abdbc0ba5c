package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One HTTP/1.1 request or one HTTP/2 stream; its start and duration are the exchange's. */
@Name(EventNames.EXCHANGE)
@Label("HTTP Exchange")
@Category("HTTP Memory")
@Description("One HTTP/1.1 request or one HTTP/2 stream, with the bytes allocated for it on every thread")
@StackTrace(false)
public final class ExchangeEvent extends jdk.jfr.Event {
    @Label("Exchange Id") @Description("Unique within the recorded JVM")
    public long exchangeId;
    @Label("Protocol") @Description("HTTP/1.1 or HTTP/2")
    public String protocol;
    @Label("Stack") @Description("The server stack that handled the exchange, e.g. jetty")
    public String stack;
    @Label("Connection Id") @Description("Unique within the recorded JVM")
    public long connectionId;
    @Label("Stream Id") @Description("HTTP/2 stream id; for HTTP/1.1 the request's number on its connection")
    public long streamId;
    @Label("Method")
    public String method;
    @Label("Path") @Description("Request path without the query, at most 256 characters")
    public String path;
    @Label("Status") @Description("Response status; 0 when no response was committed")
    public int status;
    @Label("Outcome") @Description("completed, reset (RST_STREAM or abort), closed (connection closed first), failed (the stack caught an exception processing it) or abandoned (the stack dropped it unended)")
    public String outcome;
    @Label("Failure") @Description("For a failed exchange, the class of the exception's innermost cause")
    public String failure;
    @Label("Request Body") @DataAmount
    public long requestBodyBytes;
    @Label("Response Body") @DataAmount
    public long responseBodyBytes;
    @Label("Response Writes") @Description("HTTP/2 frames, or HTTP/1.1 body writes, written for the response")
    public int responseWrites;
    @Label("Allocated") @Description("Bytes allocated on any thread while doing work for this exchange") @DataAmount
    public long allocatedBytes;
    @Label("Allocation Measured") @Description("False when some of the exchange's work ran on a virtual thread, whose allocation HotSpot does not count per thread: allocatedBytes then counts only the rest")
    public boolean allocationMeasured;
}
