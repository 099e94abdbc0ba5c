package dev.httpmem.analysis;

import static dev.httpmem.analysis.RecordedEvents.nanos;
import static dev.httpmem.analysis.RecordedEvents.threadKey;

import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;

/** Allocation samples joined to the slices running on their threads, tallied per site and protocol. */
final class SiteAttribution {
    private final SiteTable sites;
    private final SliceJoin join;

    SiteAttribution(int maxSites) {
        this.sites = new SiteTable(maxSites);
        this.join = new SliceJoin(sites);
    }

    /** An {@code httpmem.Slice}. */
    void slice(RecordedEvent event, String protocol) {
        Long thread = threadKey(event);
        if (thread != null) {
            join.slice(thread, nanos(event.getStartTime()), nanos(event.getEndTime()), protocol);
        }
    }

    /** A {@code jdk.ObjectAllocationSample}. */
    void sample(RecordedEvent event) {
        Long thread = threadKey(event);
        if (thread != null) {
            join.sample(thread, nanos(event.getStartTime()), sites.intern(RecordedEvents.site(event)), event.getLong("weight"));
        }
    }

    /** Ends the join: samples still waiting were outside every slice. */
    void finish() {
        join.finish();
    }

    Map<String, Long> bytesByProtocol() {
        return sites.bytesByProtocol();
    }

    List<AllocationSite> top(int limit, Map<String, Long> exchangesByProtocol) {
        return sites.top(limit, exchangesByProtocol);
    }

    SampleSummary summary() {
        return sites.summary();
    }
}
