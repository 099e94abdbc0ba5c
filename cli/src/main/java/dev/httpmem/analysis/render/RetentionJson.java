package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.model.ConnectionCounts;
import dev.httpmem.analysis.model.Distribution;
import dev.httpmem.analysis.model.ProtocolRetention;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.model.Verdict;
import dev.httpmem.analysis.retention.Estimate;
import dev.httpmem.analysis.retention.LevelStep;
import dev.httpmem.analysis.retention.OneOffRetention;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The retention report's machine-readable form; field names are a contract with scripts and tests. */
public final class RetentionJson {

    private RetentionJson() {
    }

    public static String toJson(RetentionReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("verdict", report.verdict());
        root.put("retentionFloorBytesPerExchange", Verdict.FLOOR_BYTES);
        root.put("recordings", report.recordings().stream().map(ReportJson::recording).toList());
        root.put("protocols", report.protocols().stream().map(p -> protocol(p, report.retainedSites(), report.oneOffs())).toList());
        root.put("fits", report.fits().stream().map(f -> object(
                "recording", f.recording(),
                "forcedOnly", f.forcedOnly(),
                "available", f.available(),
                "forced", f.forced(),
                "warmUp", f.warmUp(),
                "checkpoints", f.checkpoints(),
                "phases", f.phases(),
                "stepsAbsorbed", f.steps().size(),
                "steps", f.steps().stream().map(step -> object(
                        "fromExchanges", step.fromExchanges(),
                        "toExchanges", step.toExchanges(),
                        "bytes", step.bytes())).toList())).toList());
        root.put("steps", report.oneOffs().stream().map(RetentionJson::oneOff).toList());
        root.put("topRetainedSite", report.topRetainedSite().map(RetentionJson::site).orElse(null));
        root.put("retainedSites", report.retainedSites().stream().map(RetentionJson::site).toList());
        root.put("leakedConnectionSites", report.leakedConnectionSites().stream().map(RetentionJson::site).toList());
        root.put("directBufferSites", report.directBufferSites().stream().map(d -> object(
                "recording", d.recording(),
                "protocol", d.protocol(),
                "site", d.site(),
                "objectClass", d.objectClass(),
                "frames", d.frames())).toList());
        root.put("oldObjectSamples", object(
                "samples", report.oldObjects().samples(),
                "outsideExchanges", report.oldObjects().outsideExchanges(),
                "unreachable", report.oldObjects().unreachable()));
        root.put("allocationDifferences", report.allocationDifferences().stream().map(d -> object(
                "site", d.site(),
                "objectClass", d.objectClass(),
                "frames", d.frames(),
                "bytesPerExchange", new LinkedHashMap<>(d.bytesPerExchange()),
                "spread", d.spread())).toList());
        root.put("overTime", report.overTime().stream().map(o -> object(
                "recording", o.recording(),
                "heapBytesPerMinute", estimate(o.heapPerMinute()),
                "checkpoints", o.checkpoints(),
                "forcedOnly", o.forcedOnly(),
                "grows", o.grows(),
                "retainedPaths", o.paths().stream().map(p -> object(
                        "rootPath", p.rootPath(),
                        "samples", p.samples(),
                        "bytes", p.bytes() < 0 ? null : p.bytes(),
                        "sites", p.sites().stream().map(RetentionJson::site).toList())).toList())).toList());
        root.put("retentionTracker", report.tracker().stream().map(t -> object(
                "recording", t.recording(),
                "protocol", t.protocol(),
                "objectType", t.objectType(),
                "connectionOpen", t.connectionOpen(),
                "retained", t.retained(),
                "trackedExchanges", t.trackedExchanges(),
                "sampling", t.sampling(),
                "share", t.share())).toList());
        root.put("openExchanges", ReportJson.openExchanges(report.openExchanges()));
        root.put("idleConnections", ReportJson.idleConnections(report.idleConnections()));
        root.put("leakedConnections", ReportJson.leakedConnections(report.leakedConnections()));
        root.put("connections", report.connections().stream().map(c -> object(
                "recording", c.recording(),
                "checkpoints", c.checkpoints(),
                "open", count(c.open()),
                "idle", count(c.idle()))).toList());
        root.put("notes", report.notes());
        return Json.write(root);
    }

    /**
     * {@code signal}: what the protocol's verdict rests on: the heap after GC ({@code heap}), old-object samples
     * still live where the heap left it undecided ({@code old-object-samples}, {@code liveSampleSite} names the
     * site), or nothing decisive ({@code none}).
     */
    private static Map<String, Object> protocol(ProtocolRetention p, List<RetainedSite> retained,
                                                List<OneOffRetention> oneOffs) {
        Optional<RetainedSite> evidence = Verdict.liveSampleEvidence(p, retained, oneOffs);
        String signal = evidence.isPresent() ? "old-object-samples"
                : p.status() == Verdict.Status.RETAINS || p.status() == Verdict.Status.NONE ? "heap" : "none";
        Distribution allocated = p.allocatedBytes();
        return object(
                "protocol", p.protocol(),
                "label", p.label(),
                "recording", p.recording(),
                "exchanges", p.exchanges(),
                "status", p.status().name(),
                "signal", signal,
                "liveSampleSite", evidence.map(RetentionJson::site).orElse(null),
                "checkpoints", p.checkpoints(),
                "requestsNeeded", p.requestsNeeded(),
                "retainedBytesPerExchange", estimate(p.retainedBytesPerExchange()),
                "medianRetainedBytesPerExchange", estimate(p.medianRetainedBytesPerExchange()),
                "laterRetainedBytesPerExchange", estimate(p.laterRetainedBytesPerExchange()),
                "retainedBytesPerResponseKiB", estimate(p.retainedBytesPerResponseKiB()),
                "directBytesPerExchange", estimate(p.directBytesPerExchange()),
                "directBufferOrigin", p.directBufferOrigin().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                "laterDirectBytesPerExchange", estimate(p.laterDirectBytesPerExchange()),
                "rssBytesPerExchange", estimate(p.rssBytesPerExchange()),
                "connections", object(
                        "opened", p.connections().opened(),
                        "closed", p.connections().closed(),
                        "open", p.connections().open(),
                        "leaked", p.connections().leaked()),
                "retainedBytesPerOpenConnection", estimate(p.retainedBytesPerOpenConnection()),
                "retainedBytesPerLeakedConnection", estimate(p.retainedBytesPerLeakedConnection()),
                "allocatedBytesPerExchange", object(
                        "mean", allocated.mean(),
                        "p50", allocated.p50(),
                        "p99", allocated.p99(),
                        "max", allocated.max()),
                "responseBytesPerExchange", object("mean", p.responseBytesPerExchange()));
    }

    /** A one-off step up: exchanges numbered within its protocol, or across both when {@code protocol} is null. */
    private static Map<String, Object> oneOff(OneOffRetention o) {
        LevelStep step = o.step();
        return object(
                "recording", o.recording(),
                "protocol", step.protocol(),
                "fromExchange", step.fromProtocolExchanges() + 1,
                "toExchange", step.toProtocolExchanges(),
                "bytes", step.bytes(),
                "start", Instant.ofEpochSecond(0, step.startNanos()).toString(),
                "end", Instant.ofEpochSecond(0, step.endNanos()).toString(),
                "heapBefore", step.memoryBefore(),
                "significant", o.significant(),
                "exchangesBegun", o.exchangesBegun(),
                "exchangesFailed", o.exchangesFailed(),
                "connectionsBegun", o.connectionsBegun(),
                "connectionsFailed", o.connectionsFailed(),
                "sites", o.sites().stream().map(RetentionJson::site).toList());
    }

    private static Map<String, Object> count(ConnectionCounts.Count count) {
        return object("first", count.first(), "last", count.last(), "max", count.max());
    }

    static Map<String, Object> estimate(Estimate e) {
        return object("estimate", e.estimate(), "ciLow", e.ciLow(), "ciHigh", e.ciHigh());
    }

    private static Map<String, Object> site(RetainedSite s) {
        return object(
                "protocol", s.protocol(),
                "recording", s.recording(),
                "site", s.site(),
                "objectClass", s.objectClass(),
                "frames", List.copyOf(s.frames()),
                "samples", s.samples(),
                "bytes", s.bytes() < 0 ? null : s.bytes(),
                "rootPath", s.rootPath(),
                "rootPathSamples", s.rootPathSamples());
    }
}
