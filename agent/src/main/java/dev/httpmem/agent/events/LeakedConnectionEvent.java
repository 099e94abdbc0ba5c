package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.LeakedConnectionFields;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A connection whose client has gone but which the server still holds: the unit a connection leak grows by. */
@Name(EventNames.LEAKED_CONNECTION)
@Label("Leaked Connection")
@Category("HTTP Memory")
@Description("A connection still reachable past a major GC after the stack closed it, or kept open by the stack after its peer closed; listed at every heap checkpoint and chunk end (the oldest ones)")
@StackTrace(false)
public final class LeakedConnectionEvent extends jdk.jfr.Event {
    @Name(LeakedConnectionFields.CONNECTION_ID) @Label("Connection Id")
    public long connectionId;
    @Name(LeakedConnectionFields.STACK) @Label("Stack")
    public String stack;
    @Name(LeakedConnectionFields.PROTOCOL) @Label("Protocol") @Description("The protocol of its latest exchange")
    public String protocol;
    @Name(LeakedConnectionFields.ROLE) @Label("Role") @Description("server or client: its latest exchange's")
    public String role;
    @Name(LeakedConnectionFields.KIND) @Label("Kind") @Description("held-after-close: the stack closed it and something still references it; close-wait: its peer closed and the stack keeps it open")
    public String kind;
    @Name(LeakedConnectionFields.AGE) @Label("Age") @Description("Since its first exchange") @Timespan(Timespan.NANOSECONDS)
    public long age;
    @Name(LeakedConnectionFields.LEAKED_FOR) @Label("Leaked For") @Description("Since its client left, as far as known: since the stack closed it (held-after-close), since its last exchange ended (close-wait)") @Timespan(Timespan.NANOSECONDS)
    public long leakedFor;
    @Name(LeakedConnectionFields.EXCHANGES) @Label("Exchanges") @Description("Exchanges it carried")
    public long exchanges;
    @Name(LeakedConnectionFields.FAILED_EXCHANGES) @Label("Failed Exchanges") @Description("Exchanges it carried that ended other than completed")
    public long failedExchanges;
    @Name(LeakedConnectionFields.LISTING) @Label("Listing") @Description("The listing this entry belongs to: the latest one is the current state")
    public long listing;
}
