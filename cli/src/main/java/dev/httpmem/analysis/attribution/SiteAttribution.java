package dev.httpmem.analysis.attribution;

import static dev.httpmem.analysis.read.Events.nanos;
import static dev.httpmem.analysis.read.Events.threadKey;

import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ChunkEvents;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;

/** Allocation samples joined to the slices running on their threads, tallied per site and protocol. */
public final class SiteAttribution {
    private final SiteTable sites;
    private final SliceJoin<SiteTable.Sample> join;

    private SiteAttribution(int maxSites, Function<SiteTable, SliceJoin<SiteTable.Sample>> join) {
        this.sites = new SiteTable(maxSites);
        this.join = join.apply(sites);
    }

    /** For samples and slices streamed together, as they come in a recording still being made. */
    public static SiteAttribution streaming(int maxSites) {
        return new SiteAttribution(maxSites, SliceJoin::streaming);
    }

    /** For samples all given before the slices: a recording's, whose slices are read by position after them. */
    public static SiteAttribution holdingSamples(int maxSites) {
        return new SiteAttribution(maxSites, SliceJoin::holdingAll);
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

    /** A {@code jdk.ObjectAllocationSample}. */
    public void sample(RecordedEvent event) {
        Long thread = threadKey(event);
        if (thread != null) {
            RecordedStackTrace stackTrace = event.getStackTrace();
            Site site = sites.intern(Events.site(event.getClass("objectClass"), stackTrace));
            SiteTable.Sample sample = new SiteTable.Sample(site, event.getLong("weight"), thread);
            if (Events.byAgent(stackTrace)) {
                sites.unclaimed(sample); // the agent's work, which the agent leaves out of the slice around it
            } else {
                join.sample(thread, nanos(event.getStartTime()), sample);
            }
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
