package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** An exchange open for long: a handler that never completes, a wedged connection, an end the stack never ran. */
@Name(EventNames.OPEN_EXCHANGE)
@Label("Open Exchange")
@Category("HTTP Memory")
@Description("An exchange still open after a while, listed at every heap checkpoint and chunk end (the oldest ones)")
@StackTrace(false)
public final class OpenExchangeEvent extends jdk.jfr.Event {
    @Label("Exchange Id")
    public long exchangeId;
    @Label("Age") @Timespan(Timespan.NANOSECONDS)
    public long age;
    @Label("Stack")
    public String stack;
    @Label("Protocol")
    public String protocol;
    @Label("Connection Id")
    public long connectionId;
    @Label("Stream Id")
    public long streamId;
    @Label("Method")
    public String method;
    @Label("Path")
    public String path;
    @Label("Weakly Held") @Description("The agent no longer holds the stack's object for it strongly")
    public boolean weaklyHeld;
    @Label("Listing") @Description("The listing this entry belongs to: the latest one is the current state")
    public long listing;
}
