package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
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
    @Label("Exchange Id")
    public long exchangeId;
    @Label("Connection Id")
    public long connectionId;
    @Label("Stream Id")
    public long streamId;
    @Label("Frame Type") @Description("DATA, HEADERS, RST_STREAM, ...")
    public String frameType;
    @Label("Payload") @DataAmount
    public long payloadBytes;
    @Label("End Of Stream")
    public boolean endStream;
    @Label("Allocated") @DataAmount
    public long allocatedBytes;
}
