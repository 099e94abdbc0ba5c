package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.OpenExchangeFields;
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
    @Name(OpenExchangeFields.EXCHANGE_ID) @Label("Exchange Id")
    public long exchangeId;
    @Name(OpenExchangeFields.AGE) @Label("Age") @Timespan(Timespan.NANOSECONDS)
    public long age;
    @Name(OpenExchangeFields.STACK) @Label("Stack")
    public String stack;
    @Name(OpenExchangeFields.PROTOCOL) @Label("Protocol")
    public String protocol;
    @Name(OpenExchangeFields.ROLE) @Label("Role") @Description("server (this JVM answers the request) or client (it sent it)")
    public String role;
    @Name(OpenExchangeFields.CONNECTION_ID) @Label("Connection Id")
    public long connectionId;
    @Name(OpenExchangeFields.STREAM_ID) @Label("Stream Id")
    public long streamId;
    @Name(OpenExchangeFields.METHOD) @Label("Method")
    public String method;
    @Name(OpenExchangeFields.PATH) @Label("Path")
    public String path;
    @Name(OpenExchangeFields.WEAKLY_HELD) @Label("Weakly Held") @Description("The agent no longer holds the stack's object for it strongly")
    public boolean weaklyHeld;
    @Name(OpenExchangeFields.LISTING) @Label("Listing") @Description("The listing this entry belongs to: the latest one is the current state")
    public long listing;
}
