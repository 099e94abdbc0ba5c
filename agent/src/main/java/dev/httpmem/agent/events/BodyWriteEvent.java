package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.BodyWriteFields;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One HTTP/1.1 response body write. */
@Name(EventNames.BODY_WRITE)
@Label("HTTP/1.1 Body Write")
@Category("HTTP Memory")
@Description("An HTTP/1.1 response body write, with the bytes allocated while writing it")
@StackTrace(false)
public final class BodyWriteEvent extends jdk.jfr.Event {
    @Name(BodyWriteFields.EXCHANGE_ID) @Label("Exchange Id")
    public long exchangeId;
    @Name(BodyWriteFields.CONNECTION_ID) @Label("Connection Id")
    public long connectionId;
    @Name(BodyWriteFields.STREAM_ID) @Label("Stream Id") @Description("The request's number on its connection")
    public long streamId;
    @Name(BodyWriteFields.BYTES) @Label("Bytes") @DataAmount
    public long bytes;
    @Name(BodyWriteFields.LAST) @Label("Last") @Description("The write that completes the response")
    public boolean last;
    @Name(BodyWriteFields.ALLOCATED_BYTES) @Label("Allocated") @DataAmount
    public long allocatedBytes;
}
