package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.DirectBufferSite;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.SiteDifference;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.analysis.retention.FitSummary;
import dev.httpmem.analysis.retention.FittedSeries;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.RetentionOverTime;
import dev.httpmem.analysis.retention.TrackerCount;
import java.util.List;
import java.util.Optional;

/**
 * The retention analysis of one or two recordings: the verdict line, per protocol (and recording) the fitted
 * retention and measured allocation, how each recording was fitted, the retained allocation sites with their
 * paths from a GC root (most samples first), those allocated for exchanges on leaked connections, where the
 * protocols whose exchanges grow direct memory allocate direct buffers, the heap's one-off steps up with what
 * began in their windows, the allocation sites that differ most between the protocols, for recordings without
 * exchanges how the heap moved over time and what held their live objects, the agent's retention
 * tracker, the exchanges still open at the end (a never-ending exchange holds what it allocated), the connections
 * that outlived all their exchanges and those held after their clients left, the connections each recording's
 * checkpoints counted, and notes on what the data cannot tell; and per recording the checkpoints its heap was
 * fitted on with the fitted line, and its allocation as {@code httpmem report} gives it (without top sites).
 */
public record RetentionReport(
        String verdict,
        List<RecordingInfo> recordings,
        List<ProtocolRetention> protocols,
        List<FitSummary> fits,
        List<RetainedSite> retainedSites,
        List<RetainedSite> leakedConnectionSites,
        List<DirectBufferSite> directBufferSites,
        List<OneOffRetention> oneOffs,
        OldObjectSummary oldObjects,
        List<SiteDifference> allocationDifferences,
        List<RetentionOverTime> overTime,
        List<TrackerCount> tracker,
        List<OpenExchange> openExchanges,
        List<IdleConnection> idleConnections,
        List<LeakedConnection> leakedConnections,
        List<ConnectionCounts> connections,
        List<String> notes,
        List<FittedSeries> heapSeries,
        List<Report> allocation) {

    public RetentionReport {
        recordings = List.copyOf(recordings);
        protocols = List.copyOf(protocols);
        fits = List.copyOf(fits);
        retainedSites = List.copyOf(retainedSites);
        leakedConnectionSites = List.copyOf(leakedConnectionSites);
        directBufferSites = List.copyOf(directBufferSites);
        oneOffs = List.copyOf(oneOffs);
        allocationDifferences = List.copyOf(allocationDifferences);
        overTime = List.copyOf(overTime);
        tracker = List.copyOf(tracker);
        openExchanges = List.copyOf(openExchanges);
        idleConnections = List.copyOf(idleConnections);
        leakedConnections = List.copyOf(leakedConnections);
        connections = List.copyOf(connections);
        notes = List.copyOf(notes);
        heapSeries = List.copyOf(heapSeries);
        allocation = List.copyOf(allocation);
    }

    /**
     * Old-object samples of live objects, how many of them were allocated outside every exchange, and how many
     * more samples were left out as garbage (no path from a GC root).
     */
    public record OldObjectSummary(long samples, long outsideExchanges, long unreachable) {
    }

    /** The retained site to look at first: the top one of a retaining protocol, else the top one. */
    public Optional<RetainedSite> topRetainedSite() {
        return retainedSites.stream()
                .filter(site -> protocols.stream().anyMatch(p -> p.status() == Verdict.Status.RETAINS
                        && p.protocol().equals(site.protocol()) && p.recording().equals(site.recording())))
                .findFirst()
                .or(() -> retainedSites.stream().findFirst());
    }

    /** Whether some protocol's retention is, with 95% confidence, above {@code bytesPerExchange}. */
    public boolean exceeds(double bytesPerExchange) {
        return protocols.stream().anyMatch(p -> p.retainedBytesPerExchange().ciLow() > bytesPerExchange);
    }
}
