package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.RetentionFields;
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
    @Name(RetentionFields.PROTOCOL) @Label("Protocol")
    public String protocol;
    @Name(RetentionFields.OBJECT_TYPE) @Label("Object Type") @Description("Class of the tracked object: the stack's stream, request or response, or a response buffer")
    public String objectType;
    @Name(RetentionFields.CONNECTION_OPEN) @Label("Connection Open") @Description("Whether the exchange's connection is still open")
    public boolean connectionOpen;
    @Name(RetentionFields.RETAINED) @Label("Retained") @Description("Distinct tracked objects of this type still reachable")
    public long retained;
    @Name(RetentionFields.TRACKED_EXCHANGES) @Label("Tracked Exchanges") @Description("Tracked exchanges of this protocol that ended two GCs ago or more")
    public long trackedExchanges;
    @Name(RetentionFields.SAMPLING) @Label("Sampling") @Description("One exchange in this many is tracked")
    public int sampling;
}
