package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.FrameWriteFields;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One HTTP/2 frame generated for a stream. */
@Name(EventNames.FRAME_WRITE)
@Label("HTTP/2 Frame Write")
@Category("HTTP Memory")
@Description("An HTTP/2 frame generated for a stream, with the bytes allocated while generating it")
@StackTrace(false)
public final class FrameWriteEvent extends jdk.jfr.Event {
    @Name(FrameWriteFields.EXCHANGE_ID) @Label("Exchange Id")
    public long exchangeId;
    @Name(FrameWriteFields.CONNECTION_ID) @Label("Connection Id")
    public long connectionId;
    @Name(FrameWriteFields.STREAM_ID) @Label("Stream Id")
    public long streamId;
    @Name(FrameWriteFields.FRAME_TYPE) @Label("Frame Type") @Description("DATA, HEADERS, RST_STREAM, ...")
    public String frameType;
    @Name(FrameWriteFields.PAYLOAD_BYTES) @Label("Payload") @DataAmount
    public long payloadBytes;
    @Name(FrameWriteFields.END_STREAM) @Label("End Of Stream")
    public boolean endStream;
    @Name(FrameWriteFields.ALLOCATED_BYTES) @Label("Allocated") @DataAmount
    public long allocatedBytes;
}
