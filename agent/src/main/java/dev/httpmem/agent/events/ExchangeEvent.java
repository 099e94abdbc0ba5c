package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
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
    @Name(ExchangeFields.EXCHANGE_ID) @Label("Exchange Id") @Description("Unique within the recorded JVM")
    public long exchangeId;
    @Name(ExchangeFields.PROTOCOL) @Label("Protocol") @Description("HTTP/1.1 or HTTP/2")
    public String protocol;
    @Name(ExchangeFields.ROLE) @Label("Role") @Description("server (this JVM answered the request) or client (it sent it)")
    public String role;
    @Name(ExchangeFields.STACK) @Label("Stack") @Description("The stack that handled the exchange, e.g. jetty")
    public String stack;
    @Name(ExchangeFields.CONNECTION_ID) @Label("Connection Id") @Description("Unique within the recorded JVM")
    public long connectionId;
    @Name(ExchangeFields.STREAM_ID) @Label("Stream Id") @Description("HTTP/2 stream id; for HTTP/1.1 the request's number on its connection")
    public long streamId;
    @Name(ExchangeFields.METHOD) @Label("Method")
    public String method;
    @Name(ExchangeFields.PATH) @Label("Path") @Description("Request path without the query, at most 256 characters")
    public String path;
    @Name(ExchangeFields.STATUS) @Label("Status") @Description("Response status; 0 when no response was committed")
    public int status;
    @Name(ExchangeFields.OUTCOME) @Label("Outcome") @Description("completed, reset (RST_STREAM or abort), closed (connection closed first), failed (the stack caught an exception processing it) or abandoned (the stack dropped it unended)")
    public String outcome;
    @Name(ExchangeFields.FAILURE) @Label("Failure") @Description("For a failed exchange, the class of the exception's innermost cause")
    public String failure;
    @Name(ExchangeFields.REQUEST_BODY_BYTES) @Label("Request Body") @Description("Read by a server, written by a client") @DataAmount
    public long requestBodyBytes;
    @Name(ExchangeFields.RESPONSE_BODY_BYTES) @Label("Response Body") @Description("Written by a server, read by a client") @DataAmount
    public long responseBodyBytes;
    @Name(ExchangeFields.RESPONSE_WRITES) @Label("Response Writes") @Description("HTTP/2 frames, or HTTP/1.1 body writes, written for the response (by a client: for the request)")
    public int responseWrites;
    @Name(ExchangeFields.ALLOCATED_BYTES) @Label("Allocated") @Description("Bytes allocated on any thread while doing work for this exchange") @DataAmount
    public long allocatedBytes;
    @Name(ExchangeFields.ALLOCATION_MEASURED) @Label("Allocation Measured") @Description("False when some of the exchange's work ran on a virtual thread, whose allocation HotSpot does not count per thread: allocatedBytes then counts only the rest")
    public boolean allocationMeasured;
}
