package dev.httpmem.analysis.attribution;

import static dev.httpmem.analysis.read.Events.nanos;
import static dev.httpmem.analysis.read.Events.threadKey;

import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.PositionalEvents;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;

/** Allocation samples joined to the slices running on their threads, tallied per site and protocol. */
public final class SiteAttribution {
    private final SiteTable sites;
    private final SliceJoin<SiteTable.Sample> join;

    private SiteAttribution(int maxSites, Function<SiteTable, SliceJoin<SiteTable.Sample>> join) {
        this.sites = new SiteTable(maxSites);
        this.join = join.apply(sites);
    }

    /** For samples and slices streamed together, in file order: a recording still being made, or a file read by position. */
    public static SiteAttribution streaming(int maxSites) {
        return new SiteAttribution(maxSites, SliceJoin::streaming);
    }

    /** An {@code httpmem.Slice}, streamed. */
    public void slice(RecordedEvent event) {
        Long thread = threadKey(event);
        if (thread != null) {
            join.slice(thread, event);
            sites.exchangeThread(thread);
        }
    }

    /** An {@code httpmem.Slice} read by position ({@link dev.httpmem.analysis.read.PositionalEvents#SLICE}). */
    public void slice(ChunkEvents.Event event) {
        if (event.threadKey() != ChunkEvents.NO_THREAD) {
            join.slice(event.threadKey(), event);
            sites.exchangeThread(event.threadKey());
        }
    }

    /** A {@code jdk.ObjectAllocationSample}, streamed. */
    public void sample(RecordedEvent event) {
        Long thread = threadKey(event);
        if (thread != null) {
            sample(thread, nanos(event.getStartTime()), Events.className(event.getClass("objectClass")),
                    Events.stack(event.getStackTrace()), event.getLong("weight"));
        }
    }

    /** A {@code jdk.ObjectAllocationSample} read by position ({@link PositionalEvents#ALLOCATION_SAMPLE}). */
    public void sample(ChunkEvents.Event event) {
        if (event.threadKey() != ChunkEvents.NO_THREAD) {
            sample(event.threadKey(), event.startNanos(), event.className(PositionalEvents.ALLOCATION_CLASS),
                    event.stackTrace(PositionalEvents.ALLOCATION_STACK), event.number(PositionalEvents.ALLOCATION_WEIGHT));
        }
    }

    private void sample(long thread, long startNanos, String objectClass, List<StackFrame> stack, long weight) {
        SiteTable.Sample sample = new SiteTable.Sample(sites.intern(Events.site(objectClass, stack)), weight, thread);
        if (Events.byAgent(stack)) {
            sites.unclaimed(sample); // the agent's work, which the agent leaves out of the slice around it
        } else {
            join.sample(thread, startNanos, sample);
        }
    }

    /** The end of a flush segment of the recording. */
    public void flush() {
        join.flush();
    }

    /** Ends the join: samples still waiting were outside every slice. */
    public void finish() {
        join.finish();
    }

    public Map<String, Long> bytesByProtocol() {
        return sites.bytesByProtocol();
    }

    /** Sampled bytes per allocation site for {@code protocol}'s exchanges; after {@link #finish}. */
    public Map<Site, Long> bytesBySite(String protocol) {
        return sites.bytesBySite(protocol);
    }

    public List<AllocationSite> top(int limit, Map<String, Long> exchangesByProtocol) {
        return sites.top(limit, exchangesByProtocol);
    }

    public SampleSummary summary() {
        return sites.summary();
    }
}
