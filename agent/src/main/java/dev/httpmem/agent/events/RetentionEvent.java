package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Objects of ended exchanges that are still reachable: one event per protocol, object type and connection
 * state after each GC, counting only exchanges that ended two GCs ago or more.
 */
@Name(EventNames.RETENTION)
@Label("Exchange Retention")
@Category("HTTP Memory")
@Description("Tracked objects of ended exchanges still reachable two or more GCs after their exchange ended")
@StackTrace(false)
public final class RetentionEvent extends jdk.jfr.Event {
    @Label("Protocol")
    public String protocol;
    @Label("Object Type") @Description("Class of the tracked object: the stack's stream, request or response, or a response buffer")
    public String objectType;
    @Label("Connection Open") @Description("Whether the exchange's connection is still open")
    public boolean connectionOpen;
    @Label("Retained") @Description("Distinct tracked objects of this type still reachable")
    public long retained;
    @Label("Tracked Exchanges") @Description("Tracked exchanges of this protocol that ended two GCs ago or more")
    public long trackedExchanges;
    @Label("Sampling") @Description("One exchange in this many is tracked")
    public int sampling;
}
