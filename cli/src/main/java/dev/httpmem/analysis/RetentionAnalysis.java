package dev.httpmem.analysis;

import dev.httpmem.analysis.attribution.DirectBufferOrigin;
import dev.httpmem.analysis.attribution.DirectBufferSite;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.Site;
import dev.httpmem.analysis.attribution.SiteDifference;
import dev.httpmem.analysis.model.AgentHealth;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.ExchangeTally;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.IdleConnection;
import dev.httpmem.analysis.model.LeakedConnection;
import dev.httpmem.analysis.model.OpenExchange;
import dev.httpmem.analysis.model.ProtocolConnections;
import dev.httpmem.analysis.model.ProtocolRetention;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.model.Verdict;
import dev.httpmem.analysis.read.CheckedRecording;
import dev.httpmem.analysis.read.DamagedChunks;
import dev.httpmem.analysis.read.RecordingCheck;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.analysis.render.Units;
import dev.httpmem.analysis.retention.Checkpoint;
import dev.httpmem.analysis.retention.Estimate;
import dev.httpmem.analysis.retention.FitSummary;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.RetentionFit;
import dev.httpmem.analysis.retention.RetentionOverTime;
import dev.httpmem.analysis.retention.TrackerCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares what exchanges of each protocol leave reachable, in one recording holding both protocols (at once or
 * one after the other) or in two (an HTTP/1.1 run and an HTTP/2 run, or before and after a fix). Each recording is
 * fitted on its own: two JVMs share no heap.
 */
public final class RetentionAnalysis {
    public static final int DEFAULT_TOP = 10;

    private RetentionAnalysis() {
    }

    public static RetentionReport analyze(List<Path> recordings) {
        return analyze(recordings, List.of(), DEFAULT_TOP, DamagedChunks.REFUSE);
    }

    /**
     * What the report calls each recording: its file name, or as many of its last path elements as tell it from the
     * others ({@code leaky/recording.jfr} and {@code clean/recording.jfr}); a file given twice is numbered.
     */
    static List<String> names(List<Path> recordings) {
        List<Path> paths = recordings.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        List<String> names = new ArrayList<>();
        for (Path path : paths) {
            int elements = 1;
            while (elements < path.getNameCount() && shareLast(path, paths, elements)) {
                elements++;
            }
            names.add(path.subpath(path.getNameCount() - elements, path.getNameCount()).toString());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int times = seen.merge(names.get(i), 1, Integer::sum);
            if (times > 1) {
                names.set(i, names.get(i) + " #" + times);
            }
        }
        return names;
    }

    /** Whether another of {@code paths} ends with the same last {@code elements} path elements as {@code path}. */
    private static boolean shareLast(Path path, List<Path> paths, int elements) {
        Path tail = path.subpath(path.getNameCount() - elements, path.getNameCount());
        return paths.stream().anyMatch(other -> !other.equals(path) && other.endsWith(tail));
    }

    /**
     * Reads each recording, fits each on its own and compares their protocols.
     *
     * @param recordings recording files or JFR repository folders
     * @param labels what to call each recording, in order; none: as much of their paths as tells them apart
     * @param top how many retained sites per protocol, and allocation differences, to report
     */
    public static RetentionReport analyze(List<Path> recordings, List<String> labels, int top, DamagedChunks damaged) {
        return analyze(recordings, labels, top, damaged, FlameStacks.Collected.NONE);
    }

    /**
     * As {@link #analyze(List, List, int, DamagedChunks)}, each recording's pass also collecting the whole stacks of
     * its samples that {@code flameStacks} names, for an HTML page's flame graphs (in each recording's {@code allocation} report).
     */
    public static RetentionReport analyze(List<Path> recordings, List<String> labels, int top, DamagedChunks damaged,
                                          FlameStacks.Collected flameStacks) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording");
        }
        if (!labels.isEmpty() && (labels.size() != recordings.size() || Set.copyOf(labels).size() != labels.size())) {
            throw new IllegalArgumentException("one distinct label per recording: " + labels);
        }
        return RecordingCheck.read(recordings, damaged,
                checked -> analyze(checked, labels.isEmpty() ? names(recordings) : labels, top, flameStacks));
    }

    private static RetentionReport analyze(List<CheckedRecording> checked, List<String> names, int top,
                                           FlameStacks.Collected flameStacks) {
        List<RecordingInfo> infos = checked.stream().map(CheckedRecording::info).toList();
        List<RecordingRetention> read = checked.stream().map(source -> RecordingRetention.read(source, flameStacks)).toList();
        List<String> notes = new ArrayList<>();
        List<FitSummary> fits = new ArrayList<>();
        List<ProtocolRetention> protocols = new ArrayList<>();
        IdentityHashMap<ProtocolRetention, RecordingRetention> sources = new IdentityHashMap<>();
        Set<String> repeated = repeatedProtocols(read);
        for (int i = 0; i < read.size(); i++) {
            RecordingRetention recording = read.get(i);
            String name = names.get(i);
            RetentionFit.Result fit = recording.fit();
            fits.add(fit.summary());
            String prefix = read.size() > 1 ? name + ": " : "";
            fit.notes().forEach(note -> notes.add(prefix + note));
            for (String protocol : recording.protocols()) {
                String label = repeated.contains(protocol) ? protocol + " (" + name + ")" : protocol;
                ProtocolRetention retention = protocolRetention(recording, protocol, label,
                        fit.protocols().getOrDefault(protocol, RetentionFit.ProtocolFit.NONE));
                protocols.add(retention);
                sources.put(retention, recording);
            }
        }
        notes.addAll(dataNotes(protocols, read));
        List<RetainedSite> retainedSites = new ArrayList<>();
        long oldObjects = 0;
        long outside = 0;
        long unreachable = 0;
        for (RecordingRetention recording : read) {
            oldObjects += recording.retained.samples();
            outside += recording.retained.unattributed();
            unreachable += recording.retained.unreachable();
            Map<String, Integer> perProtocol = new HashMap<>();
            for (RetainedSite site : recording.retained.sites()) {
                if (perProtocol.merge(site.protocol(), 1, Integer::sum) <= top) {
                    retainedSites.add(site);
                }
            }
        }
        retainedSites.sort(Comparator.comparingLong(RetainedSite::samples).reversed());
        List<TrackerCount> tracker = read.stream().flatMap(r -> r.tracker.counts().stream()).toList();
        List<OpenExchange> open = read.stream().flatMap(r -> r.report().openExchanges().stream()).toList();
        List<IdleConnection> idle = read.stream().flatMap(r -> r.report().idleConnections().stream()).toList();
        List<LeakedConnection> leaked = read.stream().flatMap(r -> r.report().leakedConnections().stream()).toList();
        List<OneOffRetention> oneOffs = read.stream().flatMap(r -> r.oneOffs().stream()).toList();
        List<DirectBufferSite> directBufferSites = protocols.stream().filter(Verdict::growsDirectMemory)
                .flatMap(p -> sources.get(p).directBufferSites(p.protocol()).stream().limit(top)).toList();
        List<RetainedSite> leakedConnectionSites = read.stream().flatMap(r -> r.leakedConnectionSites().stream())
                .sorted(Comparator.comparingLong(RetainedSite::samples).reversed()).limit(top).toList();
        List<RetentionOverTime> overTime = protocols.isEmpty()
                ? read.stream().map(recording -> recording.overTime(top)).toList() : List.of();
        String verdict = incomplete(infos, names) + errorAnswers(read, names) + (protocols.isEmpty()
                ? notInstrumented(read, names) + Verdict.withoutExchanges(overTime, names)
                : Verdict.line(protocols, oneOffs, retainedSites));
        return new RetentionReport(verdict, infos, protocols, fits, retainedSites,
                leakedConnectionSites, directBufferSites, oneOffs,
                new RetentionReport.OldObjectSummary(oldObjects, outside, unreachable),
                differences(protocols, sources, top), overTime, tracker, open, idle, leaked,
                read.stream().map(RecordingRetention::connections).toList(), notes,
                read.stream().map(recording -> recording.fit().series()).toList(),
                read.stream().map(RecordingRetention::report).toList());
    }

    private static ProtocolRetention protocolRetention(RecordingRetention recording, String protocol, String label,
                                                       RetentionFit.ProtocolFit fit) {
        ExchangeStats stats = recording.report().protocols().stream().filter(p -> p.protocol().equals(protocol))
                .map(ProtocolStats::exchanges).findFirst().orElse(new ExchangeTally().stats());
        Map<String, Long> leakedByKind = recording.report().leakedConnections().stream()
                .filter(c -> c.protocol().equals(protocol))
                .collect(Collectors.groupingBy(LeakedConnection::kind, TreeMap::new, Collectors.counting()));
        ProtocolConnections connections = recording.lastCheckpoint()
                .map(last -> ProtocolConnections.at(last, Checkpoint.PROTOCOLS.indexOf(protocol), leakedByKind))
                .orElse(ProtocolConnections.NONE);
        return new ProtocolRetention(recording.info.file(), protocol, label, stats.exchanges(), stats.allocatedBytes(),
                stats.responseBodyBytesMean(), fit.heapPerExchange(), fit.medianHeapPerExchange(), fit.heapPerResponseKiB(),
                fit.directPerExchange(), fit.laterDirectPerExchange(),
                DirectBufferOrigin.of(recording.directBufferSites(protocol)), fit.rssPerExchange(), fit.checkpoints(),
                fit.requestsNeeded(),
                Verdict.status(fit.heapPerExchange(), fit.medianHeapPerExchange(), fit.checkpoints()),
                fit.laterHeapPerExchange(), connections, fit.heapPerOpenConnection(), fit.heapPerLeakedConnection());
    }

    private static Set<String> repeatedProtocols(List<RecordingRetention> read) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (RecordingRetention recording : read) {
            for (String protocol : recording.protocols()) {
                if (!seen.add(protocol)) {
                    repeated.add(protocol);
                }
            }
        }
        return repeated;
    }

    /** The HTTP servers each recording's JVM ran and httpmem did not instrument: why there is no exchange. */
    private static String notInstrumented(List<RecordingRetention> read, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < read.size(); i++) {
            String source = read.size() > 1 ? " (" + names.get(i) + ")" : "";
            read.get(i).report().agent().map(AgentHealth::serversNotInstrumented).filter(servers -> !servers.isEmpty())
                    .ifPresent(servers -> text.append("this JVM").append(source).append(" ran ").append(servers)
                            .append(", which httpmem did not instrument; "));
        }
        return text.toString();
    }

    /** What of each recording was not read, or may be missing: the verdict rests on the rest only. */
    private static String incomplete(List<RecordingInfo> infos, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < infos.size(); i++) {
            String source = infos.size() > 1 ? " " + names.get(i) : "";
            infos.get(i).incomplete().ifPresent(what -> text.append("incomplete recording").append(source).append(": ")
                    .append(what).append("; "));
        }
        return text.toString();
    }

    /**
     * What the verdict starts with when most of a protocol's exchanges were answered with an error (a wrong URL):
     * its figures then describe error responses. Empty otherwise.
     */
    private static String errorAnswers(List<RecordingRetention> read, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < read.size(); i++) {
            String source = read.size() > 1 ? " (" + names.get(i) + ")" : "";
            for (ProtocolStats p : read.get(i).report().protocols()) {
                p.exchanges().mostlyAnsweredWithError().ifPresent(errors -> text.append(p.protocol()).append(source)
                        .append(": ").append(errors.describe()).append(", so the retention figures describe error responses; "));
            }
        }
        return text.toString();
    }

    private static List<String> dataNotes(List<ProtocolRetention> protocols, List<RecordingRetention> read) {
        List<String> notes = new ArrayList<>();
        if (protocols.size() == 1) {
            notes.add("only " + protocols.get(0).label() + " exchanges: nothing to compare with; record the other"
                    + " protocol too (httpmem load URL --protocol both) or give a second recording");
        }
        for (ProtocolRetention p : protocols) {
            String moreData = p.requestsNeeded() > 0
                    ? String.format(Locale.ROOT, "send about %,d more %s requests", p.requestsNeeded(), p.protocol())
                    : "run longer, or force GCs with the agent option gc-every=N";
            if (p.status() == Verdict.Status.TOO_LITTLE_DATA) {
                notes.add(p.label() + ": " + p.checkpoints() + " GCs after warm-up, "
                        + RetentionFit.MIN_CHECKPOINTS + " needed: " + moreData);
                continue;
            }
            if (Verdict.fewGcs(p.checkpoints())) {
                notes.add(p.label() + ": decided on " + p.checkpoints() + " GCs after warm-up, whose interval is"
                        + " decisive; " + RetentionFit.MIN_CHECKPOINTS + " make a slope firm: to confirm, " + moreData);
            }
            if (p.directBufferOrigin() == DirectBufferOrigin.JDK_TEMPORARY_CACHE && p.directBytesPerExchange().known()
                    && p.directBytesPerExchange().ciLow() > Verdict.DIRECT_FLOOR_BYTES) {
                notes.add(p.label() + ": direct memory grew " + Units.bytes(p.directBytesPerExchange().estimate())
                        + "/exchange, all of it sampled in the JDK's per-thread cache of temporary direct buffers"
                        + " (sun.nio.ch.Util), which keeps up to 16 per thread that wrote heap buffers and then stops:"
                        + " no finding; -Djdk.nio.maxCachedBufferSize=BYTES caps it");
            }
            if (p.status() == Verdict.Status.RETAINS
                    && Verdict.levelsOff(p.retainedBytesPerExchange(), p.laterRetainedBytesPerExchange())) {
                Estimate later = p.laterRetainedBytesPerExchange();
                notes.add(String.format(Locale.ROOT, "%s: %.0f B/exchange over the run, but %.0f (95%% CI %.0f..%.0f)"
                        + " over its later half: a pool or cache filling up levels off like that (so does traffic"
                        + " moving away from a leaking endpoint); a steady leak keeps its slope: run longer to tell",
                        p.label(), p.retainedBytesPerExchange().estimate(), later.estimate(), later.ciLow(), later.ciHigh()));
            } else if (p.status() == Verdict.Status.UNCLEAR
                    && Verdict.medianDisagrees(p.retainedBytesPerExchange(), p.medianRetainedBytesPerExchange())) {
                Estimate median = p.medianRetainedBytesPerExchange();
                notes.add(String.format(Locale.ROOT, "%s: least squares gives %.0f B/exchange, but the median slope"
                        + " between its GCs is %.0f (95%% CI %.0f..%.0f): the heap rose in a few jumps (a buffer held at"
                        + " some GCs and not at others), not with every exchange; to tell, run longer or force GCs more"
                        + " often (agent option gc-every=N)", p.label(), p.retainedBytesPerExchange().estimate(),
                        median.estimate(), median.ciLow(), median.ciHigh()));
            } else if (p.status() == Verdict.Status.UNCLEAR) {
                notes.add(p.label() + ": the interval is too wide to tell retention from none at "
                        + String.format(Locale.ROOT, "%.0f", Verdict.FLOOR_BYTES) + " B/exchange; "
                        + String.format(Locale.ROOT, "about %,d more requests would narrow it enough",
                        moreRequestsToDecide(p)));
            }
        }
        if (read.stream().allMatch(r -> r.retained.samples() == 0)) {
            notes.add("no jdk.OldObjectSample events, so no retained sites: record with the agent's out= and"
                    + " -XX:FlightRecorderOptions:old-object-queue-size=4096");
        }
        return notes;
    }

    /**
     * At a fixed gc-every, the checkpoints grow with the requests and so does their spread: the interval narrows
     * as requests^-1.5. This many more requests bring its half-width below the estimate's distance to the floor.
     */
    private static long moreRequestsToDecide(ProtocolRetention p) {
        Estimate e = p.retainedBytesPerExchange();
        double halfWidth = (e.ciHigh() - e.ciLow()) / 2;
        double room = Math.max(Math.abs(e.estimate() - Verdict.FLOOR_BYTES), 1);
        return Math.round(p.exchanges() * (Math.pow(halfWidth / room, 2.0 / 3) - 1));
    }

    /** Allocation sites whose sampled bytes per exchange differ most between the compared protocols. */
    private static List<SiteDifference> differences(List<ProtocolRetention> protocols,
                                                    Map<ProtocolRetention, RecordingRetention> sources, int top) {
        List<ProtocolRetention> compared = protocols.stream().filter(p -> p.exchanges() > 0).toList();
        if (compared.size() < 2) {
            return List.of();
        }
        Map<Site, Map<String, Double>> perExchange = new HashMap<>();
        for (ProtocolRetention p : compared) {
            sources.get(p).siteBytes(p.protocol()).forEach((site, bytes) -> perExchange
                    .computeIfAbsent(site, s -> new LinkedHashMap<>())
                    .put(p.label(), (double) bytes / p.exchanges()));
        }
        List<SiteDifference> differences = new ArrayList<>();
        perExchange.forEach((site, values) -> {
            Map<String, Double> all = new LinkedHashMap<>();
            compared.forEach(p -> all.put(p.label(), values.getOrDefault(p.label(), 0.0)));
            double spread = all.values().stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    - all.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            differences.add(new SiteDifference(site.objectClass(), site.frames(), all, spread));
        });
        differences.sort(Comparator.comparingDouble(SiteDifference::spread).reversed()
                .thenComparing(SiteDifference::site));
        return differences.subList(0, Math.min(top, differences.size()));
    }
}
