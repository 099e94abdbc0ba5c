package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.IdleConnectionFields;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A connection that outlived all its exchanges: kept alive by the client, or by a server that never closes it. */
@Name(EventNames.IDLE_CONNECTION)
@Label("Idle Connection")
@Category("HTTP Memory")
@Description("An open connection with no open exchange for a while, listed at every heap checkpoint and chunk end (the longest idle ones)")
@StackTrace(false)
public final class IdleConnectionEvent extends jdk.jfr.Event {
    @Name(IdleConnectionFields.CONNECTION_ID) @Label("Connection Id")
    public long connectionId;
    @Name(IdleConnectionFields.STACK) @Label("Stack")
    public String stack;
    @Name(IdleConnectionFields.PROTOCOL) @Label("Protocol") @Description("The protocol of its latest exchange")
    public String protocol;
    @Name(IdleConnectionFields.ROLE) @Label("Role") @Description("server or client: its latest exchange's")
    public String role;
    @Name(IdleConnectionFields.AGE) @Label("Age") @Description("Since its first exchange") @Timespan(Timespan.NANOSECONDS)
    public long age;
    @Name(IdleConnectionFields.IDLE) @Label("Idle") @Description("Since its last exchange ended") @Timespan(Timespan.NANOSECONDS)
    public long idle;
    @Name(IdleConnectionFields.EXCHANGES) @Label("Exchanges") @Description("Exchanges it carried")
    public long exchanges;
    @Name(IdleConnectionFields.PEER) @Label("Peer") @Description("What the kernel says of its peer: connected, closed (this side not yet), or unknown (addresses or socket states unreadable)")
    public String peer;
    @Name(IdleConnectionFields.LISTING) @Label("Listing") @Description("The listing this entry belongs to: the latest one is the current state")
    public long listing;
}
