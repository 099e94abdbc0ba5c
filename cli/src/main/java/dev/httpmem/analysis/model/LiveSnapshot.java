package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.AllocationSite;
import dev.httpmem.analysis.attribution.SampleSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a live stream showed up to {@code time}: per protocol, allocation sites since the watch began, and the
 * heap after the last GC (from {@code httpmem.HeapCheckpoint} events, else from {@code jdk.GCHeapSummary}), and
 * the connections the last heap checkpoint counted, open and idle (no open exchange).
 * {@code heapCheckpoints} counts the checkpoint events: without them there is no retention estimate.
 */
public record LiveSnapshot(
        Instant time,
        Duration interval,
        List<LiveProtocol> protocols,
        OptionalLong heapAfterGcBytes,
        long heapCheckpoints,
        OptionalLong openConnections,
        OptionalLong idleConnections,
        List<AllocationSite> allocationSites,
        SampleSummary samples) {

    public LiveSnapshot {
        protocols = List.copyOf(protocols);
        allocationSites = List.copyOf(allocationSites);
    }
}
