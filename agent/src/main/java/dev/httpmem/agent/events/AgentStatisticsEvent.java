package dev.httpmem.agent.events;

import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.AgentStatisticsFields;
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
    @Name(AgentStatisticsFields.AGENT_VERSION) @Label("Agent Version")
    public String agentVersion;
    @Name(AgentStatisticsFields.STACKS) @Label("Stacks") @Description("Instrumented stacks, comma-separated")
    public String stacks;
    @Name(AgentStatisticsFields.EXCHANGES_STARTED) @Label("Exchanges Started")
    public long exchangesStarted;
    @Name(AgentStatisticsFields.EXCHANGES_ENDED) @Label("Exchanges Ended")
    public long exchangesEnded;
    @Name(AgentStatisticsFields.EXCHANGES_OPEN) @Label("Exchanges Open")
    public long exchangesOpen;
    @Name(AgentStatisticsFields.SUPPRESSED_ERRORS) @Label("Suppressed Errors") @Description("Throwables caught and discarded inside httpmem advice; should be 0")
    public long suppressedErrors;
    @Name(AgentStatisticsFields.UNTRACKED) @Label("Untracked") @Description("Exchanges not tracked because the agent's bounded tables were full")
    public long untracked;
    @Name(AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED) @Label("Servers Not Instrumented")
    @Description("HTTP servers whose classes the application loaded and httpmem does not instrument, each with what to"
            + " do about it, separated by '; '; empty for none")
    public String serversNotInstrumented;
    @Name(AgentStatisticsFields.OPENED_TWICE) @Label("Opened Twice")
    @Description("Exchanges opened for a key (a stack's request or stream object) that had one open: the second request"
            + " counted with the first; should be 0")
    public long openedTwice;
    @Name(AgentStatisticsFields.SLICES_TOO_DEEP) @Label("Slices Too Deep")
    @Description("Slices entered inside as many open slices as the agent keeps per thread (8): their bytes counted for"
            + " the innermost open slice; should be 0")
    public long slicesTooDeep;
    @Name(AgentStatisticsFields.EVERY_SLICE) @Label("Every Slice Recorded")
    @Description("detail=all: every frame and body write recorded as a slice of its own. Otherwise a write made inside"
            + " other recorded work (a connection's flush, another stream's handling) counts for its exchange, but"
            + " the allocation samples taken in it go to that work")
    public boolean everySlice;
    @Name(AgentStatisticsFields.LISTING) @Label("Listing") @Description("The number of the listing of open exchanges and idle connections made right after this event")
    public long listing;
}
