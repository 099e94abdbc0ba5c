package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.SampleSummary;
import dev.httpmem.analysis.model.Distribution;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.IdleConnection;
import dev.httpmem.analysis.model.LeakedConnection;
import dev.httpmem.analysis.model.OpenExchange;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.RecordingInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;

/** The report's machine-readable form; field names are a contract with scripts and tests. */
public final class ReportJson {

    private ReportJson() {
    }

    public static String toJson(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("recording", recording(report.recording()));
        root.put("exchangesByStack", new TreeMap<>(report.exchangesByStack()));
        root.put("protocols", report.protocols().stream().map(p -> {
            Map<String, Object> json = object("protocol", p.protocol());
            json.putAll(exchanges(p.exchanges()));
            json.put("connectionWorkBytesPerExchange", report.attributed()
                    .map(a -> a.protocols().get(p.protocol()))
                    .map(work -> (Object) work.connectionBytesPerExchange()).orElse(null));
            json.put("sampledBytes", p.sampledBytes());
            return json;
        }).toList());
        root.put("endpoints", report.endpoints().stream().map(e -> {
            Map<String, Object> json = object("protocol", e.protocol(), "method", e.method(), "path", e.path());
            json.putAll(exchanges(e.exchanges()));
            return json;
        }).toList());
        root.put("allocationSites", report.allocationSites().stream().map(s -> object(
                "protocol", s.protocol(),
                "work", s.work().name().toLowerCase(Locale.ROOT),
                "objectClass", s.objectClass(),
                "frames", s.frames(),
                "bytes", s.bytes(),
                "samples", s.samples(),
                "bytesPerExchange", s.bytesPerExchange(),
                "share", s.share())).toList());
        SampleSummary samples = report.samples();
        root.put("allocationSamples", object(
                "samples", samples.samples(),
                "bytes", samples.bytes(),
                "connectionWorkBytes", samples.connectionWorkBytes(),
                "unattributedSamples", samples.unattributedSamples(),
                "unattributedBytes", samples.unattributedBytes(),
                "unattributedOnExchangeThreadsBytes", samples.unattributedOnExchangeThreadsBytes(),
                "overflowBytes", samples.overflowBytes()));
        root.put("attribution", report.attributed().map(a -> object(
                "windowSeconds", a.window().toNanos() / 1e9,
                "serverBytes", a.serverBytes(),
                "profilerBytes", a.profilerBytes(),
                "exchangeBytes", a.exchangeBytes(),
                "connectionBytes", a.connectionBytes(),
                "ioLoopBytes", a.ioLoopBytes(),
                "share", a.share())).orElse(null));
        root.put("agent", report.agent().map(a -> object(
                "agentVersion", a.agentVersion(),
                "stacks", a.stacks(),
                "exchangesStarted", a.exchangesStarted(),
                "exchangesEnded", a.exchangesEnded(),
                "exchangesOpen", a.exchangesOpen(),
                "suppressedErrors", a.suppressedErrors(),
                "untracked", a.untracked(),
                "slicesTooDeep", a.slicesTooDeep(),
                "openedTwice", a.openedTwice(),
                "serversNotInstrumented", a.serversNotInstrumented(),
                "everySlice", a.everySlice())).orElse(null));
        root.put("openExchanges", openExchanges(report.openExchanges()));
        root.put("idleConnections", idleConnections(report.idleConnections()));
        root.put("leakedConnections", leakedConnections(report.leakedConnections()));
        return Json.write(root);
    }

    static Map<String, Object> recording(RecordingInfo recording) {
        return object(
                "file", recording.file(),
                "start", recording.start().toString(),
                "durationSeconds", recording.duration().toNanos() / 1e9,
                "chunks", recording.chunks(),
                "incomplete", recording.incomplete().orElse(null));
    }

    private static Map<String, Object> exchanges(ExchangeStats stats) {
        Distribution allocated = stats.allocatedBytes();
        return object(
                "exchanges", stats.exchanges(),
                "allocatedBytes", allocated.sum(),
                "allocatedBytesPerExchange", object(
                        "mean", allocated.mean(),
                        "p50", allocated.p50(),
                        "p99", allocated.p99(),
                        "max", allocated.max()),
                "responseBodyBytes", stats.responseBodyBytes(),
                "responseBytesPerExchange", object("mean", stats.responseBodyBytesMean()),
                "allocatedBytesPerResponseKiB", stats.allocatedBytesPerResponseKiB(),
                "writesPerExchange", object("mean", stats.responseWritesMean()),
                "allocationUnmeasured", stats.allocationUnmeasured(),
                "outcomes", new LinkedHashMap<>(stats.outcomes()),
                "statusClasses", statusClasses(stats),
                "failures", new LinkedHashMap<>(stats.failures()));
    }

    /** Exchanges by status class: {"2xx": 9990, "4xx": 10}. */
    static Map<String, Object> statusClasses(ExchangeStats stats) {
        Map<String, Object> classes = new LinkedHashMap<>();
        stats.statusClasses().forEach((statusClass, count) -> classes.put(statusClass.label(), count));
        return classes;
    }

    static List<Map<String, Object>> openExchanges(List<OpenExchange> open) {
        return open.stream().map(o -> object(
                "exchangeId", o.exchangeId(),
                "ageSeconds", o.age().toNanos() / 1e9,
                "stack", o.stack(),
                "protocol", o.protocol(),
                "connectionId", o.connectionId(),
                "streamId", o.streamId(),
                "method", o.method(),
                "path", o.path())).toList();
    }

    static List<Map<String, Object>> idleConnections(List<IdleConnection> idle) {
        return idle.stream().map(c -> object(
                "connectionId", c.connectionId(),
                "stack", c.stack(),
                "protocol", c.protocol(),
                "ageSeconds", c.age().toNanos() / 1e9,
                "idleSeconds", c.idle().toNanos() / 1e9,
                "exchanges", c.exchanges(),
                "peer", c.peer(),
                "suspect", c.suspect())).toList();
    }

    static List<Map<String, Object>> leakedConnections(List<LeakedConnection> leaked) {
        return leaked.stream().map(c -> object(
                "connectionId", c.connectionId(),
                "stack", c.stack(),
                "protocol", c.protocol(),
                "kind", c.kind(),
                "ageSeconds", c.age().toNanos() / 1e9,
                "leakedSeconds", c.leakedFor().toNanos() / 1e9,
                "exchanges", c.exchanges(),
                "failedExchanges", c.failedExchanges())).toList();
    }
}
