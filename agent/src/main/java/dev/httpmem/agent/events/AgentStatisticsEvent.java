package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** The agent's own health, at the start and end of every recording chunk, so a recording ends with the final counts. */
@Name(EventNames.AGENT_STATISTICS)
@Label("httpmem Agent Statistics")
@Category("HTTP Memory")
@Description("Counters of the httpmem agent: exchanges, suppressed advice errors, dropped tracking")
@StackTrace(false)
@Period("everyChunk")
public final class AgentStatisticsEvent extends jdk.jfr.Event {
    @Label("Agent Version")
    public String agentVersion;
    @Label("Stacks") @Description("Instrumented stacks, comma-separated")
    public String stacks;
    @Label("Exchanges Started")
    public long exchangesStarted;
    @Label("Exchanges Ended")
    public long exchangesEnded;
    @Label("Exchanges Open")
    public long exchangesOpen;
    @Label("Suppressed Errors") @Description("Throwables caught and discarded inside httpmem advice; should be 0")
    public long suppressedErrors;
    @Label("Untracked") @Description("Exchanges not tracked because the agent's bounded tables were full")
    public long untracked;
    @Label("Servers Not Instrumented")
    @Description("HTTP servers whose classes the application loaded and httpmem does not instrument, each with what to"
            + " do about it, separated by '; '; empty for none")
    public String serversNotInstrumented;
    @Label("Opened Twice")
    @Description("Exchanges opened for a key (a stack's request or stream object) that had one open: the second request"
            + " counted with the first; should be 0")
    public long openedTwice;
    @Label("Slices Too Deep")
    @Description("Slices entered inside as many open slices as the agent keeps per thread (8): their bytes counted for"
            + " the innermost open slice; should be 0")
    public long slicesTooDeep;
    @Label("Every Slice Recorded")
    @Description("detail=all: every frame and body write recorded as a slice of its own. Otherwise a write made inside"
            + " other recorded work (a connection's flush, another stream's handling) counts for its exchange, but"
            + " the allocation samples taken in it go to that work")
    public boolean everySlice;
    @Label("Listing") @Description("The number of the listing of open exchanges and idle connections made right after this event")
    public long listing;
}
