package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.model.Distribution;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.ProtocolRetention;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.model.StackWeights;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.analysis.retention.Checkpoint;
import dev.httpmem.analysis.retention.FitSummary;
import dev.httpmem.analysis.retention.FittedCheckpoint;
import dev.httpmem.analysis.retention.FittedSeries;
import dev.httpmem.analysis.retention.LevelStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report, or the retention comparison, as one self-contained HTML page: its data as JSON, which the page's
 * script lays out in tables and charts, and flame graphs drawn by async-profiler's converter, each a page of its own
 * for a frame. Where a recording holds nothing for a panel, the data says why in words, for the panel to show.
 */
public final class HtmlReport {
    private static final String HTTP_1 = Checkpoint.PROTOCOLS.get(0);
    private static final String HTTP_2 = Checkpoint.PROTOCOLS.get(1);

    private final PageAssets assets;
    private final FlameGraphs flames;

    private HtmlReport(PageAssets assets) {
        this.assets = assets;
        this.flames = new FlameGraphs(assets.flameScript());
    }

    /** What {@code httpmem report} knows: allocation per protocol and endpoint, with flame graphs; connections. */
    public static String report(Report report, PageAssets assets) {
        HtmlReport page = new HtmlReport(assets);
        Map<String, Object> data = object(
                "kind", "report",
                "title", "httpmem report: " + report.recording().file(),
                "verdict", List.of(ReportText.headline(report), allocationInWords(report)),
                "notes", List.of(),
                "retention", null,
                "allocation", List.of(page.allocation(report)),
                "openExchanges", ReportJson.openExchanges(report.openExchanges()),
                "idleConnections", ReportJson.idleConnections(report.idleConnections()));
        return page.fill(data);
    }

    /** What {@code httpmem diff} knows: retention over exchanges and time, retained sites; and each recording's allocation. */
    public static String diff(RetentionReport report, PageAssets assets) {
        HtmlReport page = new HtmlReport(assets);
        String files = String.join(" and ", report.recordings().stream().map(RecordingInfo::file).toList());
        Map<String, Object> data = object(
                "kind", "diff",
                "title", "httpmem diff: " + files,
                "verdict", List.of(report.verdict()),
                "notes", report.notes(),
                "retention", object(
                        "protocols", report.protocols().stream().map(HtmlReport::retention).toList(),
                        "recordings", recordings(report),
                        "retained", page.retained(report)),
                "allocation", report.allocation().stream().map(page::allocation).toList(),
                "openExchanges", ReportJson.openExchanges(report.openExchanges()),
                "idleConnections", ReportJson.idleConnections(report.idleConnections()));
        return page.fill(data);
    }

    /** {@code value} as JSON to inline in a script element: no {@code <} to end it early. */
    static String scriptData(Object value) {
        return Json.writeLine(value).strip().replace("<", "\\u003c");
    }

    private String fill(Map<String, Object> data) {
        Map<String, String> parts = Map.of(
                "title", escape((String) data.get("title")),
                "style", assets.chartStyle() + "\n" + assets.style(),
                "data", scriptData(data),
                "script", assets.chartScript() + "\n</script>\n<script>\n" + assets.script());
        StringBuilder page = new StringBuilder();
        String template = assets.template();
        int at = 0;
        // one pass: what is filled in is never searched for marks itself
        for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", at)) {
            int close = template.indexOf("}}", open);
            String part = parts.get(template.substring(open + 2, close));
            if (part == null) {
                throw new IllegalStateException("unknown mark in the page template: " + template.substring(open, close + 2));
            }
            page.append(template, at, open).append(part);
            at = close + 2;
        }
        return page.append(template.substring(at)).toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** "HTTP/2 allocated 182.3 KiB per exchange (p99 ...), HTTP/1.1 ...": the report's answer in one sentence. */
    private static String allocationInWords(Report report) {
        List<String> protocols = new ArrayList<>();
        for (ProtocolStats p : report.protocols()) {
            Distribution allocated = p.exchanges().allocatedBytes();
            if (p.exchanges().exchanges() > 0) {
                protocols.add(String.format(Locale.ROOT, "%s exchanges allocated %s each on average (p50 %s, p99 %s)",
                        p.protocol(), Units.bytes(allocated.mean()), Units.bytes(allocated.p50()),
                        Units.bytes(allocated.p99())));
            }
        }
        return protocols.isEmpty() ? "No exchange was recorded, so there is no allocation to show."
                : String.join("; ", protocols) + ". Retention (heap after GC against exchanges, retained objects): "
                        + "httpmem diff --html.";
    }

    private Map<String, Object> allocation(Report report) {
        Map<String, Long> exchanges = new LinkedHashMap<>();
        report.protocols().forEach(p -> exchanges.put(p.protocol(), p.exchanges().exchanges()));
        FlameStacks stacks = report.flameStacks();
        Set<String> protocols = new TreeSet<>(stacks.exchanges().keySet());
        protocols.addAll(stacks.connections().keySet());
        List<Map<String, Object>> protocolFlames = new ArrayList<>();
        for (String protocol : protocols) {
            long protocolExchanges = exchanges.getOrDefault(protocol, 0L);
            StackWeights exchangeWork = stacks.exchanges(protocol);
            if (!exchangeWork.isEmpty()) {
                protocolFlames.add(object("label", protocol + " exchanges", "html", flames.allocation("Allocation of "
                        + protocol + " exchanges (" + Units.bytes(weight(exchangeWork)) + " sampled)", exchangeWork,
                        protocolExchanges)));
            }
            StackWeights connectionWork = stacks.connections().getOrDefault(protocol, StackWeights.NONE);
            if (!connectionWork.isEmpty()) {
                protocolFlames.add(object("label", protocol + " connection work", "html", flames.allocation(
                        "Allocation of " + protocol + " connections' work outside their exchanges ("
                                + Units.bytes(weight(connectionWork)) + " sampled)", connectionWork, protocolExchanges)));
            }
        }
        return object(
                "recording", report.recording().file(),
                "protocols", report.protocols().stream().map(p -> exchangeRow(object("protocol", p.protocol()), p.exchanges()))
                        .toList(),
                "endpoints", report.endpoints().stream().map(e -> exchangeRow(object("protocol", e.protocol(),
                        "method", e.method(), "path", e.path()), e.exchanges())).toList(),
                "flames", protocolFlames,
                "flamesAbsent", protocolFlames.isEmpty() ? "No allocation sample (jdk.ObjectAllocationSample) fell in an"
                        + " exchange's or a connection's work: record with the agent's out=, which enables them." : null,
                "differential", differential(stacks, exchanges));
    }

    private static long weight(StackWeights stacks) {
        return stacks.weights().values().stream().mapToLong(Long::longValue).sum() + stacks.foldedWeight();
    }

    /** The differential flame graph, or why there is none. */
    private Map<String, Object> differential(FlameStacks stacks, Map<String, Long> exchanges) {
        StackWeights http2 = stacks.exchanges(HTTP_2);
        StackWeights http1 = stacks.exchanges(HTTP_1);
        long http2Exchanges = exchanges.getOrDefault(HTTP_2, 0L);
        long http1Exchanges = exchanges.getOrDefault(HTTP_1, 0L);
        if (http2.isEmpty() || http1.isEmpty() || http2Exchanges == 0 || http1Exchanges == 0) {
            List<String> sampled = exchanges.keySet().stream()
                    .filter(p -> exchanges.get(p) > 0 && !stacks.exchanges(p).isEmpty())
                    .toList();
            return object("absent", "A differential flame graph needs HTTP/1.1 and HTTP/2 exchanges with allocation"
                    + " samples in one recording; this one has them for " + (sampled.isEmpty() ? "neither" : sampled.get(0)
                    + " only") + ".");
        }
        return object("html", flames.differential("HTTP/2 against HTTP/1.1, bytes per exchange", HTTP_2, http2,
                http2Exchanges, HTTP_1, http1, http1Exchanges));
    }

    private static Map<String, Object> exchangeRow(Map<String, Object> row, ExchangeStats stats) {
        Distribution allocated = stats.allocatedBytes();
        row.put("exchanges", stats.exchanges());
        row.put("mean", allocated.mean());
        row.put("p50", allocated.p50());
        row.put("p99", allocated.p99());
        row.put("max", allocated.max());
        row.put("responsePerExchange", stats.responseBodyBytesMean());
        row.put("status", Units.statusClasses(stats.statusClasses()));
        return row;
    }

    private static Map<String, Object> retention(ProtocolRetention p) {
        return object(
                "label", p.label(),
                "exchanges", p.exchanges(),
                "status", p.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                "checkpoints", p.checkpoints(),
                "heapPerExchange", RetentionJson.estimate(p.retainedBytesPerExchange()),
                "directPerExchange", RetentionJson.estimate(p.directBytesPerExchange()),
                "rssPerExchange", RetentionJson.estimate(p.rssBytesPerExchange()),
                "allocatedPerExchange", p.allocatedBytes().mean());
    }

    private static List<Map<String, Object>> recordings(RetentionReport report) {
        List<Map<String, Object>> recordings = new ArrayList<>();
        for (int i = 0; i < report.heapSeries().size(); i++) {
            FittedSeries series = report.heapSeries().get(i);
            FitSummary summary = report.fits().get(i);
            Map<String, Object> recording = object("recording", series.recording());
            if (series.points().size() < 2) {
                recording.put("absent", series.points().isEmpty()
                        ? "No heap checkpoints (httpmem.HeapCheckpoint, one per GC) in " + name(series) + ": record"
                                + " with the agent's out=, and with gc-every=N for exact slopes."
                        : "One heap checkpoint in " + name(series) + ": nothing to draw a line through; run longer, or"
                                + " force GCs with the agent option gc-every=N.");
            } else {
                recording.put("protocols", Checkpoint.PROTOCOLS);
                recording.put("points", points(series.points()));
                recording.put("steps", summary.steps().stream().map(HtmlReport::step).toList());
                recording.put("forcedOnly", summary.forcedOnly());
            }
            recordings.add(recording);
        }
        return recordings;
    }

    private static String name(FittedSeries series) {
        return String.valueOf(Path.of(series.recording()).getFileName());
    }

    private static List<Map<String, Object>> points(List<FittedCheckpoint> points) {
        List<Map<String, Object>> json = new ArrayList<>(points.size());
        for (FittedCheckpoint point : points) {
            Checkpoint c = point.checkpoint();
            json.add(object(
                    "time", c.timeNanos() / 1e9,
                    "forced", c.forced(),
                    "exchanges", Arrays.stream(c.exchanges()).boxed().toList(), // in the order of Checkpoint.PROTOCOLS
                    "heap", c.heapUsed() < 0 ? null : c.heapUsed(),
                    "direct", c.directMemoryUsed() < 0 ? null : c.directMemoryUsed(),
                    "rss", c.rss() < 0 ? null : c.rss(),
                    "phase", point.phase(),
                    "warmUp", point.warmUp(),
                    "segment", point.segment(),
                    "fitted", point.fittedHeap(),
                    "low", point.fittedLow(),
                    "high", point.fittedHigh()));
        }
        return json;
    }

    private static Map<String, Object> step(LevelStep step) {
        return object("fromExchanges", step.fromExchanges(), "toExchanges", step.toExchanges(), "bytes", step.bytes(),
                "place", step.place());
    }

    private Map<String, Object> retained(RetentionReport report) {
        List<RetainedSite> sites = report.retainedSites();
        Map<String, Object> retained = object("sites", sites.stream().map(site -> object(
                "protocol", Optional.ofNullable(site.protocol()).orElse("outside exchanges"),
                "site", site.site(),
                "samples", site.samples(),
                "bytes", site.bytes() < 0 ? null : site.bytes(),
                "rootPath", site.rootPath(),
                "rootPathSamples", site.rootPathSamples())).toList());
        if (sites.isEmpty()) {
            retained.put("absent", report.oldObjects().samples() == 0
                    ? "No old-object samples (jdk.OldObjectSample) in the recording: record with the agent's out= and"
                            + " -XX:FlightRecorderOptions:old-object-queue-size=4096."
                    : "None of the " + Units.count(report.oldObjects().samples()) + " live old-object samples was"
                            + " allocated for an exchange.");
            return retained;
        }
        Map<String, StackWeights> live = new TreeMap<>();
        for (Report recording : report.allocation()) {
            recording.flameStacks().live().forEach((protocol, stacks) -> live.put(label(report, recording, protocol), stacks));
        }
        if (live.isEmpty()) {
            retained.put("flameAbsent", "None of the live old-object samples was allocated for an exchange: the sites"
                    + " below were allocated outside them.");
        } else {
            retained.put("html", flames.retained("Objects live at the end, by the protocol whose exchanges allocated"
                    + " them (old-object samples)", live));
        }
        return retained;
    }

    /** What the comparison calls {@code protocol} of {@code recording}: with the recording's name where two have it. */
    private static String label(RetentionReport report, Report recording, String protocol) {
        return report.protocols().stream()
                .filter(p -> p.recording().equals(recording.recording().file()) && p.protocol().equals(protocol))
                .map(ProtocolRetention::label).findFirst().orElse(protocol);
    }
}
