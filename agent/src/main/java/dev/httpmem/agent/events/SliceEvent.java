package dev.httpmem.agent.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A piece of work done for one exchange on the event's thread. Allocation samples taken on that thread
 * within the slice's start and duration belong to the exchange (the innermost slice when slices nest).
 */
@Name("httpmem.Slice")
@Label("HTTP Exchange Slice")
@Category("HTTP Memory")
@Description("Work done for one exchange on this thread: handling, a frame write or a body write")
@StackTrace(false)
public final class SliceEvent extends jdk.jfr.Event {
    @Label("Exchange Id")
    public long exchangeId;
    @Label("Protocol")
    public String protocol;
    @Label("Stream Id")
    public long streamId;
    @Label("Kind") @Description("handle, frame or body")
    public String kind;
    @Label("Allocated") @Description("Bytes allocated on this thread during the slice, nested slices of other exchanges excluded") @DataAmount
    public long allocatedBytes;
}
