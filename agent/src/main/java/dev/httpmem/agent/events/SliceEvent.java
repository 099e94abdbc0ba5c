package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.SliceFields;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A piece of work done for one exchange, or for a connection outside its exchanges, on the event's thread.
 * Allocation samples taken on that thread within the slice's start and duration belong to the exchange or the
 * connection (the innermost slice when slices nest).
 */
@Name(EventNames.SLICE)
@Label("HTTP Exchange Slice")
@Category("HTTP Memory")
@Description("Work done on this thread for one exchange (handling, a frame write, a body write) or for a connection outside its exchanges")
@StackTrace(false)
public final class SliceEvent extends jdk.jfr.Event {
    @Name(SliceFields.EXCHANGE_ID) @Label("Exchange Id") @Description("0 for connection work")
    public long exchangeId;
    @Name(SliceFields.CONNECTION_ID) @Label("Connection Id") @Description("0 for work on a connection before its first exchange")
    public long connectionId;
    @Name(SliceFields.PROTOCOL) @Label("Protocol")
    public String protocol;
    @Name(SliceFields.ROLE) @Label("Role") @Description("server or client: its exchange's, or for connection work its connection's latest exchange's")
    public String role;
    @Name(SliceFields.STREAM_ID) @Label("Stream Id")
    public long streamId;
    @Name(SliceFields.KIND) @Label("Kind") @Description("handle, frame, body or connection")
    public String kind;
    @Name(SliceFields.ALLOCATED_BYTES) @Label("Allocated") @Description("Bytes allocated on this thread during the slice, nested slices of other exchanges excluded") @DataAmount
    public long allocatedBytes;
}
