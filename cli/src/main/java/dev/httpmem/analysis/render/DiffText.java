package dev.httpmem.analysis.render;

import dev.httpmem.analysis.attribution.RetainedPath;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.SiteDifference;
import dev.httpmem.analysis.model.ConnectionCounts;
import dev.httpmem.analysis.model.ProtocolRetention;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.model.Verdict;
import dev.httpmem.analysis.read.ExchangeRole;
import dev.httpmem.analysis.retention.Estimate;
import dev.httpmem.analysis.retention.FitSummary;
import dev.httpmem.analysis.retention.LevelStep;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.RetentionOverTime;
import dev.httpmem.analysis.retention.TrackerCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The retention report as plain text: the verdict and the top retained site first, then the evidence. */
public final class DiffText {
    private static final String INDENT = "  ";

    private DiffText() {
    }

    public static String format(RetentionReport report) {
        StringBuilder out = new StringBuilder(headline(report));

        if (!report.protocols().isEmpty()) {
            retentionPerExchange(report, out);
        }
        overTime(report, out);
        oneOffs(report, out);
        retainedSites(report, out);
        differences(report, out);
        tracker(report, out);
        ReportText.openExchanges(report.openExchanges(), out);
        ReportText.idleConnections(report.idleConnections(), out);
        ReportText.leakedConnections(report.leakedConnections(), out);
        connections(report, out);
        if (!report.notes().isEmpty()) {
            out.append("\nNotes\n");
            report.notes().forEach(note -> out.append(INDENT).append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    /** The per-exchange fit's table, per protocol, and how each recording was fitted. */
    private static void retentionPerExchange(RetentionReport report, StringBuilder out) {
        out.append("\nRetention per exchange: slope of memory after GC against cumulative exchanges, 95% interval\n");
        TextTable retention = new TextTable("lrrrrrrrl",
                "PROTOCOL", "EXCHANGES", "HEAP/EXCH", "HEAP/RESPONSE-KiB", "DIRECT/EXCH", "RSS/EXCH", "ALLOC/EXCH", "GCs",
                "STATUS");
        for (ProtocolRetention p : report.protocols()) {
            retention.row(p.label(), Units.count(p.exchanges()), interval(p.retainedBytesPerExchange()),
                    perKiB(p.retainedBytesPerResponseKiB()), interval(p.directBytesPerExchange()),
                    interval(p.rssBytesPerExchange()), Units.bytes(p.allocatedBytes().mean()),
                    Integer.toString(p.checkpoints()), p.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        out.append(retention.render(INDENT));
        connectionRetention(report, out);
        for (FitSummary fit : report.fits()) {
            out.append(INDENT).append("fitted ").append(report.fits().size() > 1 ? Path.of(fit.recording()).getFileName() + " " : "")
                    .append("on ").append(fit.checkpoints()).append(fit.forcedOnly() ? " forced full GCs" : " GCs")
                    .append(" (of ").append(fit.available()).append(" GCs, ").append(fit.forced()).append(" forced; ")
                    .append(fit.warmUp()).append(" dropped as warm-up), ").append(fit.phases())
                    .append(fit.phases() == 1 ? " phase" : " phases").append(steps(fit)).append('\n');
        }
    }

    /**
     * For recordings without exchanges: the heap after GC against time, and the reference chains holding the live
     * objects sampled, each with the sites that allocated them.
     */
    private static void overTime(RetentionReport report, StringBuilder out) {
        for (RetentionOverTime recording : report.overTime()) {
            String name = report.overTime().size() > 1 ? " (" + Path.of(recording.recording()).getFileName() + ")" : "";
            Estimate slope = recording.heapPerMinute();
            out.append("\nRetention over time").append(name).append(": no exchanges to fit against; heap after GC ")
                    .append(slope.known()
                            ? Units.bytes(slope.estimate()) + "/min (95% CI " + Units.bytes(slope.ciLow()) + ".."
                                    + Units.bytes(slope.ciHigh()) + ") over " + recording.fittedOn()
                            : ": too few GCs for a slope")
                    .append("; live old-object samples by their path from a GC root\n");
            if (recording.paths().isEmpty()) {
                out.append(INDENT).append("no live old-object sample with a path from a GC root\n");
            }
            for (RetainedPath path : recording.paths()) {
                out.append(INDENT).append(Units.count(path.samples())).append(" samples")
                        .append(path.bytes() < 0 ? "" : ", " + Units.bytes(path.bytes())).append(": ")
                        .append(path.rootPath()).append('\n');
                for (RetainedSite site : path.sites()) {
                    out.append(INDENT).append(INDENT).append(Units.count(site.samples())).append(" at ")
                            .append(site.site()).append('\n');
                }
            }
        }
    }

    /** Per protocol, its connections at the last GC and what an open and a leaked one hold, where they varied. */
    private static void connectionRetention(RetentionReport report, StringBuilder out) {
        if (report.protocols().stream().allMatch(p -> p.connections().opened() == 0)) {
            return;
        }
        out.append("Retention per connection: slopes fitted beside the exchanges', where the counts varied between GCs\n");
        TextTable table = new TextTable("lrrrrrr", "PROTOCOL", "OPENED", "CLOSED", "OPEN", "LEAKED",
                "HEAP/OPEN-CONNECTION", "HEAP/LEAKED-CONNECTION");
        for (ProtocolRetention p : report.protocols()) {
            table.row(p.label(), Units.count(p.connections().opened()), Units.count(p.connections().closed()),
                    Units.count(p.connections().open()), Units.count(p.connections().leaked()),
                    bytesInterval(p.retainedBytesPerOpenConnection()), bytesInterval(p.retainedBytesPerLeakedConnection()));
        }
        out.append(table.render(INDENT));
        Set<ExchangeRole> roles = report.protocols().stream().filter(p -> p.connections().opened() > 0)
                .map(p -> ExchangeRole.ofKey(p.protocol())).collect(Collectors.toSet());
        if (roles.contains(ExchangeRole.SERVER)) {
            out.append(INDENT).append("leaked: closed by the server's stack but still reachable two GCs later,"
                    + " held after its client left\n");
        }
        if (roles.contains(ExchangeRole.CLIENT)) {
            out.append(INDENT).append("a client's connections are its pool's: those open are pooled or busy, and none"
                    + " is called leaked\n");
        }
    }

    /** {@code 256.0 KiB (250.3..262.1 KiB)}. */
    private static String bytesInterval(Estimate e) {
        return e.known()
                ? Units.bytes(e.estimate()) + " (" + Units.bytes(e.ciLow()) + ".." + Units.bytes(e.ciHigh()) + ")"
                : "-";
    }

    /** What the heap checkpoints counted: open connections, and those with no open exchange. */
    private static void connections(RetentionReport report, StringBuilder out) {
        List<ConnectionCounts> counted = report.connections().stream().filter(c -> c.checkpoints() > 0).toList();
        if (counted.isEmpty()) {
            return;
        }
        out.append("\nConnections at GCs: first → last (most)\n");
        TextTable table = new TextTable("lrr", "RECORDING", "OPEN", "IDLE (NO OPEN EXCHANGE)");
        for (ConnectionCounts c : counted) {
            table.row(Path.of(c.recording()).getFileName().toString(), trend(c.open()), trend(c.idle()));
        }
        out.append(table.render(INDENT));
    }

    private static String trend(ConnectionCounts.Count count) {
        return Units.count(count.first()) + " → " + Units.count(count.last()) + " (" + Units.count(count.max()) + ")";
    }

    /**
     * The verdict; then what the leaked connections' exchanges allocated and still hold, and what the largest
     * one-off retention allocated, each with its path from a GC root; then, where a protocol retains per exchange,
     * the top retained site and its path.
     */
    public static String headline(RetentionReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.verdict()).append('\n');
        report.leakedConnectionSites().stream().findFirst().ifPresent(site ->
                siteWithPath(out, "Retained for exchanges on leaked connections", site.protocol(), site));
        report.directBufferSites().stream().findFirst().ifPresent(site -> out.append("Direct buffers allocated for ")
                .append(site.protocol()).append(" exchanges at: ").append(site.site()).append('\n'));
        report.oneOffs().stream().filter(OneOffRetention::significant)
                .max(Comparator.comparingLong(o -> o.step().bytes()))
                .flatMap(o -> o.sites().stream().findFirst())
                .ifPresent(site -> siteWithPath(out, "Kept by the largest one-off retention", null, site));
        boolean retains = report.protocols().stream().anyMatch(p -> p.status() == Verdict.Status.RETAINS);
        report.topRetainedSite().filter(site -> retains).ifPresent(site ->
                siteWithPath(out, "Top retained site", site.protocol(), site));
        return out.toString();
    }

    /** "TITLE (HTTP/2, 22 samples): SITE", then its path from a GC root; {@code protocol} null leaves it out. */
    private static void siteWithPath(StringBuilder out, String title, String protocol, RetainedSite site) {
        out.append(title).append(" (").append(protocol == null ? "" : protocol + ", ").append(Units.count(site.samples()))
                .append(" samples): ").append(site.site()).append('\n').append(INDENT).append(site.rootPath()).append('\n');
    }

    /** "; 1 step of -841.1 KiB absorbed (at 14,027..14,517 exchanges)", or nothing when there was none. */
    private static String steps(FitSummary fit) {
        if (fit.steps().isEmpty()) {
            return "";
        }
        List<String> sizes = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (LevelStep step : fit.steps()) {
            sizes.add((step.bytes() > 0 ? "+" : "") + Units.bytes(step.bytes()));
            places.add(Units.count(step.fromExchanges()) + ".." + Units.count(step.toExchanges()));
        }
        int count = fit.steps().size();
        return "; " + count + (count == 1 ? " step of " : " steps of ") + String.join(", ", sizes)
                + " absorbed (at " + String.join(", ", places) + " exchanges)";
    }

    /** Each step up of the heap, what began in its window and the retained sites allocated in it. */
    private static void oneOffs(RetentionReport report, StringBuilder out) {
        if (report.oneOffs().isEmpty()) {
            return;
        }
        out.append("\nOne-off retention: steps up of the heap after GC that no per-exchange slope explains\n");
        for (OneOffRetention o : report.oneOffs()) {
            LevelStep step = o.step();
            out.append(INDENT).append('+').append(Units.bytes(step.bytes())).append(" between ").append(step.place())
                    .append(o.significant() ? "" : ", below the verdict's notice").append(": ")
                    .append(Units.count(o.exchangesBegun())).append(" exchanges began (")
                    .append(Units.count(o.exchangesFailed())).append(" failed), ")
                    .append(Units.count(o.connectionsBegun())).append(" connections opened (")
                    .append(Units.count(o.connectionsFailed())).append(" with a failed exchange)\n");
            if (o.sites().isEmpty()) {
                out.append(INDENT).append(INDENT).append("no old-object sample allocated then is still live\n");
                continue;
            }
            TextTable table = new TextTable("lrrl", "PROTOCOL", "SAMPLES", "BYTES",
                    "RETAINED SITES ALLOCATED THEN / PATH FROM GC ROOT");
            for (RetainedSite site : o.sites()) {
                siteRows(table, site);
            }
            out.append(table.render(INDENT + INDENT));
        }
    }

    private static void siteRows(TextTable table, RetainedSite site) {
        table.row(site.protocol() == null ? "-" : site.protocol(), Units.count(site.samples()),
                site.bytes() < 0 ? "-" : Units.bytes(site.bytes()), site.site());
        String share = site.rootPathSamples() == site.samples() ? ""
                : " (" + Units.count(site.rootPathSamples()) + " of them)";
        table.row("", "", "", INDENT + site.rootPath() + share);
    }

    private static void retainedSites(RetentionReport report, StringBuilder out) {
        if (report.oldObjects().samples() == 0) {
            return;
        }
        out.append("\nRetained sites: old-object samples still live at the end, by the exchange they were allocated for\n");
        if (!report.retainedSites().isEmpty()) {
            TextTable table = new TextTable("lrrl", "PROTOCOL", "SAMPLES", "BYTES", "CLASS AT FRAMES / PATH FROM GC ROOT");
            for (RetainedSite site : report.retainedSites()) {
                siteRows(table, site);
            }
            out.append(table.render(INDENT));
        }
        out.append(INDENT).append(Units.count(report.oldObjects().samples())).append(" old-object samples, ")
                .append(Units.count(report.oldObjects().outsideExchanges()))
                .append(" allocated outside every exchange (startup, caches, the server's own work)");
        if (report.oldObjects().unreachable() > 0) {
            out.append("; ").append(Units.count(report.oldObjects().unreachable()))
                    .append(" more left out as garbage (no path from a GC root)");
        }
        out.append('\n');
    }

    private static void differences(RetentionReport report, StringBuilder out) {
        if (report.allocationDifferences().isEmpty()) {
            return;
        }
        List<String> labels = new ArrayList<>(report.allocationDifferences().get(0).bytesPerExchange().keySet());
        out.append("\nAllocation sites that differ most between protocols (sampled bytes per exchange)\n");
        List<String> headers = new ArrayList<>(labels);
        headers.add("CLASS AT FRAMES");
        TextTable table = new TextTable("r".repeat(labels.size()) + "l", headers.toArray(String[]::new));
        for (SiteDifference d : report.allocationDifferences()) {
            List<String> cells = new ArrayList<>();
            labels.forEach(label -> cells.add(Units.bytes(d.bytesPerExchange().get(label))));
            cells.add(d.site());
            table.row(cells.toArray(String[]::new));
        }
        out.append(table.render(INDENT));
    }

    private static void tracker(RetentionReport report, StringBuilder out) {
        if (report.tracker().isEmpty()) {
            return;
        }
        out.append("\nRetention tracker: tracked exchanges' objects still reachable two GCs after the exchange ended\n");
        TextTable table = new TextTable("lllrrr", "PROTOCOL", "OBJECT TYPE", "CONNECTION", "RETAINED", "OF TRACKED", "SHARE");
        for (TrackerCount t : report.tracker()) {
            table.row(t.protocol(), t.objectType(), t.connectionOpen() ? "open" : "closed", Units.count(t.retained()),
                    Units.count(t.trackedExchanges()), Units.percent(t.share()));
        }
        out.append(table.render(INDENT));
        out.append(INDENT).append("one exchange in ").append(report.tracker().get(0).sampling()).append(" is tracked\n");
    }

    /** Per KiB of body, slopes are small: a tenth of a byte still tells a leak from none. */
    private static String perKiB(Estimate e) {
        return e.known()
                ? String.format(Locale.ROOT, "%.1f (%.1f..%.1f)", e.estimate(), e.ciLow(), e.ciHigh())
                : "-";
    }

    /** {@code 468 (455..480)}: whole bytes, signed, so a slope near zero shows its sign. */
    private static String interval(Estimate e) {
        return e.known()
                ? Math.round(e.estimate()) + " (" + Math.round(e.ciLow()) + ".." + Math.round(e.ciHigh()) + ")"
                : "-";
    }
}
