package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.DirectBufferOrigin;
import dev.httpmem.analysis.attribution.RetainedPath;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.render.Units;
import dev.httpmem.analysis.retention.Estimate;
import dev.httpmem.analysis.retention.LevelStep;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.RetentionFit;
import dev.httpmem.analysis.retention.RetentionOverTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one-line answer: which protocols retain memory per exchange. A protocol retains when the lower bound of
 * its 95% interval is above {@link #FLOOR_BYTES}, and does not when the upper bound is below it: slopes of a few
 * bytes come and go with pools, caches and JIT on servers that do not leak, and are no bug worth chasing.
 */
public final class Verdict {
    public static final double FLOOR_BYTES = 16;
    /**
     * Direct memory grows in the chunks its pools take, and NIO caches buffers per thread as large as the largest
     * write it copied: below this, per exchange, its growth is no finding.
     */
    public static final double DIRECT_FLOOR_BYTES = 128;
    private static final String NO_RETENTION = "no retention";
    /**
     * Live old-object samples at one site that make retention likely where the heap's GCs left it undecided: a
     * clean server's pools and caches hold a handful of its exchanges' objects (9 at most, measured on Jetty over
     * 100,000 requests per protocol); a leak of 300 B/exchange left 240.
     */
    static final int EVIDENCE_SAMPLES = 20;
    private static final String AGENT_PACKAGE = "dev.httpmem.agent.";
    /** How the agent knows a connection leaked, in words. */
    private static final Map<String, String> KIND_WORDS = Map.of(
            "held-after-close", "closed but still reachable",
            "close-wait", "left open in CLOSE_WAIT");

    public enum Status { RETAINS, NONE, UNCLEAR, TOO_LITTLE_DATA }

    private Verdict() {
    }

    /**
     * A decisive interval is a verdict however few GCs it rests on (the t quantile already widens it for them);
     * only an undecided one asks for more data when the GCs are few. Retention also needs the median slope between
     * GCs ({@code medianHeapPerExchange}, when known) above the floor: where it is not, the least-squares slope
     * rests on a few of the heap's jumps (see {@link #medianDisagrees}) and the answer is unclear.
     */
    public static Status status(Estimate heapPerExchange, Estimate medianHeapPerExchange, int checkpoints) {
        if (!heapPerExchange.known()) {
            return Status.TOO_LITTLE_DATA;
        }
        if (heapPerExchange.ciLow() > FLOOR_BYTES && !medianDisagrees(heapPerExchange, medianHeapPerExchange)) {
            return Status.RETAINS;
        }
        if (heapPerExchange.ciHigh() <= FLOOR_BYTES) {
            return Status.NONE;
        }
        return fewGcs(checkpoints) ? Status.TOO_LITTLE_DATA : Status.UNCLEAR;
    }

    /** Whether least squares finds retention beyond the floor and the median slope between GCs does not. */
    public static boolean medianDisagrees(Estimate heapPerExchange, Estimate medianHeapPerExchange) {
        return heapPerExchange.known() && heapPerExchange.ciLow() > FLOOR_BYTES && medianHeapPerExchange.known()
                && medianHeapPerExchange.ciLow() <= FLOOR_BYTES;
    }

    private static boolean medianDisagrees(ProtocolRetention p) {
        return medianDisagrees(p.retainedBytesPerExchange(), p.medianRetainedBytesPerExchange());
    }

    /** Fewer GCs than a slope is trusted on without a second look. */
    public static boolean fewGcs(int checkpoints) {
        return checkpoints < RetentionFit.MIN_CHECKPOINTS;
    }

    /**
     * Whether growth over the whole run fell, over its later half, significantly and to within the floor: what a
     * pool or cache filling up does, and also traffic moving from a leaking endpoint to others. Said in a note,
     * never in the verdict, which a mere change of traffic must not soften.
     */
    public static boolean levelsOff(Estimate heapPerExchange, Estimate laterHeapPerExchange) {
        return heapPerExchange.known() && laterHeapPerExchange.known() && laterHeapPerExchange.ciLow() <= FLOOR_BYTES
                && laterHeapPerExchange.ciHigh() < heapPerExchange.ciLow();
    }

    static String line(List<ProtocolRetention> protocols) {
        return line(protocols, List.of(), List.of());
    }

    /**
     * The per-exchange verdict, then, for protocols the heap left undecided, the old-object samples that show their
     * exchanges' objects still live, then the largest significant one-off retention, if any.
     */
    public static String line(List<ProtocolRetention> protocols, List<OneOffRetention> oneOffs, List<RetainedSite> retained) {
        if (protocols.isEmpty()) {
            return "no exchanges: nothing to compare";
        }
        List<OneOffRetention> significant = oneOffs.stream().filter(OneOffRetention::significant)
                .sorted(Comparator.comparingLong((OneOffRetention o) -> o.step().bytes()).reversed()).toList();
        String numbers = protocols.stream().map(Verdict::numbers).collect(Collectors.joining("; "));
        boolean decidedOnFewGcs = protocols.stream().anyMatch(p -> fewGcs(p.checkpoints())
                && (p.status() == Status.RETAINS || p.status() == Status.NONE));
        String conclusion = conclusion(protocols);
        if (!significant.isEmpty() && conclusion.equals(NO_RETENTION)) {
            conclusion += " per exchange";
        }
        return connectionLeaks(protocols) + offHeapGrowth(protocols) + numbers + ": " + conclusion
                + (decidedOnFewGcs ? " (few GCs: confirm with a longer run)" : "") + liveSamples(protocols, retained, oneOffs)
                + oneOffs(significant);
    }

    /**
     * The verdict on recordings without exchanges: no retention per exchange can be fitted, so how the heap after
     * GC moved over time, and the reference chain holding the most live objects allocated outside exchanges; of
     * two recordings, also what the second keeps that the first does not.
     */
    public static String withoutExchanges(List<RetentionOverTime> recordings, List<String> names) {
        StringBuilder text = new StringBuilder("no exchanges, so no retention per exchange");
        for (int i = 0; i < recordings.size(); i++) {
            RetentionOverTime recording = recordings.get(i);
            text.append("; ").append(recordings.size() > 1 ? names.get(i) + ": " : "").append(overTime(recording));
            recording.paths().stream().findFirst().ifPresent(path -> text.append(": ")
                    .append(heldThrough(path)));
        }
        if (recordings.size() == 2) {
            List<String> before = recordings.get(0).paths().stream().map(RetainedPath::shape).toList();
            recordings.get(1).paths().stream().filter(path -> !before.contains(path.shape())).findFirst()
                    .ifPresent(path -> text.append("; ").append(names.get(1)).append(" keeps what ").append(names.get(0))
                            .append(" does not: ").append(heldThrough(path)));
        }
        return text.toString();
    }

    /** "heap after GC grew 1.2 MiB/min (95% CI 1.0..1.4) over 30 GCs", or why it cannot say. */
    private static String overTime(RetentionOverTime recording) {
        Estimate slope = recording.heapPerMinute();
        if (!slope.known()) {
            return "too few GCs to tell how the heap after GC moved (record longer, or run jcmd PID GC.run now and then)";
        }
        String numbers = Units.bytes(slope.estimate()) + "/min (95% CI " + Units.bytes(slope.ciLow()) + ".."
                + Units.bytes(slope.ciHigh()) + ") over " + recording.fittedOn();
        return recording.grows() ? "heap after GC grew " + numbers : "heap after GC did not grow significantly: " + numbers;
    }

    /** "240 live objects sampled are held through PATH (SITE)". */
    private static String heldThrough(RetainedPath path) {
        return Units.count(path.samples()) + (path.samples() == 1 ? " live object sampled is" : " live objects sampled are")
                + " held through " + path.rootPath()
                + path.sites().stream().findFirst().map(site -> " (" + site.site() + ")").orElse("");
    }

    /**
     * The site with the most live old-object samples from exchanges of a protocol the heap left undecided, when
     * they are at least {@link #EVIDENCE_SAMPLES}: objects sampled as they were allocated for its exchanges, and
     * still reachable at the end, are what retention is, however few GCs measured the heap. The agent's own
     * bookkeeping is left out, and so are the samples a significant one-off step's window holds: a burst kept once
     * (one request keeping 20 MiB) is no retention per exchange, and the verdict names it as the step it is.
     */
    public static Optional<RetainedSite> liveSampleEvidence(ProtocolRetention p, List<RetainedSite> retained,
                                                     List<OneOffRetention> oneOffs) {
        if (p.status() != Status.TOO_LITTLE_DATA && p.status() != Status.UNCLEAR) {
            return Optional.empty();
        }
        return retained.stream()
                .filter(site -> p.protocol().equals(site.protocol()) && p.recording().equals(site.recording()))
                .filter(site -> site.samples() - samplesOfOneOffs(site, oneOffs) >= EVIDENCE_SAMPLES)
                .filter(site -> site.frames().isEmpty() || !site.frames().get(0).startsWith(AGENT_PACKAGE))
                .max(Comparator.comparingLong(RetainedSite::samples));
    }

    /** The samples of {@code site} allocated in the windows of significant one-off steps of its recording. */
    private static long samplesOfOneOffs(RetainedSite site, List<OneOffRetention> oneOffs) {
        return oneOffs.stream().filter(o -> o.significant() && o.recording().equals(site.recording()))
                .flatMap(o -> o.sites().stream())
                .filter(s -> Objects.equals(s.protocol(), site.protocol()) && s.objectClass().equals(site.objectClass())
                        && s.frames().equals(site.frames()))
                .mapToLong(RetainedSite::samples).sum();
    }

    /** "; but 240 objects sampled from HTTP/2 exchanges are still live (byte[] at ...): likely HTTP/2 retention (...)". */
    private static String liveSamples(List<ProtocolRetention> protocols, List<RetainedSite> retained,
                                      List<OneOffRetention> oneOffs) {
        StringBuilder text = new StringBuilder();
        for (ProtocolRetention p : protocols) {
            liveSampleEvidence(p, retained, oneOffs).ifPresent(site -> text.append("; but ").append(Units.count(site.samples()))
                    .append(" objects sampled from ").append(p.label()).append(" exchanges are still live (")
                    .append(site.site()).append("): likely ").append(p.label())
                    .append(" retention (from old-object samples; confirm with the agent option gc-every=N)"));
        }
        return text.toString();
    }

    /**
     * "HTTP/2 leaks connections: 30 held after their clients left, 256.4 KiB each (95% CI 250.1..262.0 KiB), 7.5 MiB
     * in all; HTTP/1.1 leaks none; " when some protocol leaks connections, else nothing.
     */
    private static String connectionLeaks(List<ProtocolRetention> protocols) {
        if (protocols.stream().noneMatch(ProtocolRetention::leaksConnections)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (ProtocolRetention p : protocols) {
            if (!p.leaksConnections()) {
                continue;
            }
            long leaked = p.connections().leaked();
            Estimate each = p.retainedBytesPerLeakedConnection();
            String held = heldNotLeaked(p);
            if (held != null) {
                text.append(p.label()).append(" holds ").append(Units.count(leaked))
                        .append(leaked == 1 ? " closed connection" : " closed connections")
                        .append(" still reachable two GCs later").append(held).append("; ");
                continue;
            }
            text.append(p.label()).append(" leaks connections: ").append(Units.count(leaked))
                    .append(leaked == 1 ? " held after its client left" : " held after their clients left")
                    .append(kinds(p.connections().leakedByKind()));
            if (each.known()) {
                text.append(", ").append(withInterval(each, " each")).append(", ")
                        .append(Units.bytes(each.estimate() * leaked)).append(" in all");
            } else {
                text.append(" (their size is unknown: their count never changed between GCs that were fitted)");
            }
            text.append("; ");
        }
        String others = labels(protocols, p -> !p.leaksConnections());
        if (!others.isEmpty()) {
            text.append(others).append(" leak").append(others.contains(" and ") ? "" : "s").append(" none; ");
        }
        return text.toString();
    }

    /**
     * Why the protocol's leaked connections are said to be held rather than leaked, continuing "N closed connections
     * still reachable two GCs later"; null when they are called a leak.
     */
    private static String heldNotLeaked(ProtocolRetention p) {
        Estimate each = p.retainedBytesPerLeakedConnection();
        if (oneHeld(p)) {
            return ": one cannot tell a cache of the stack's from a leak, nor be sized against the heap; connections"
                    + " failing throughout a run tell them apart";
        }
        if (heldWithoutKnownSize(p)) {
            return ", of a size this run cannot tell (their count never changed between the GCs fitted): a cache of the"
                    + " stack's, or a leak; connections opened and closed throughout a run tell them apart";
        }
        if (heldWithoutMeasurableHeap(p)) {
            return ", with no heap measurable each (" + Units.bytes(each.estimate()) + ", 95% CI "
                    + Units.bytes(each.ciLow()) + ".." + Units.bytes(each.ciHigh())
                    + "): a cache of the stack's, or a leak too small for this run to show";
        }
        return null;
    }

    /**
     * Whether the protocol's one leaked connection is a closed one a stack still reaches (not left open in
     * CLOSE_WAIT): its size would be fitted from the one GC at which it was first held, where any other change of the
     * heap lands too (a clean Tomcat's recycled-request cache kept 1 of 22 connections after a failed stream, and the
     * fit gave it 648 KiB), and a stack's cache holds one as a leak does.
     */
    private static boolean oneHeld(ProtocolRetention p) {
        return p.connections().leaked() == 1 && !p.connections().leakedByKind().containsKey("close-wait");
    }

    /**
     * Whether the protocol's leaked connections are closed ones a stack still reaches (none left open in CLOSE_WAIT)
     * whose number never changed between the GCs fitted: a constant few are what a stack's bounded cache holds as
     * well as what a leak that happened once holds, and their size cannot be fitted (Undertow kept 5 of the 8
     * HTTP/1.1 connections of RetentionIT's first phase reachable through its whole HTTP/2 phase).
     */
    private static boolean heldWithoutKnownSize(ProtocolRetention p) {
        return !p.retainedBytesPerLeakedConnection().known() && !p.connections().leakedByKind().containsKey("close-wait");
    }

    /**
     * Whether the protocol's leaked connections are closed ones a stack still reaches (none left open in CLOSE_WAIT)
     * whose heap the fit cannot tell from nothing: a stack's cache of recycled objects that reference the last
     * connection they served (Grizzly's per-thread requests) holds a few, bounded, and is no leak.
     */
    private static boolean heldWithoutMeasurableHeap(ProtocolRetention p) {
        Estimate each = p.retainedBytesPerLeakedConnection();
        return each.known() && each.ciLow() <= 0 && !p.connections().leakedByKind().containsKey("close-wait");
    }

    /**
     * Whether the protocol's exchanges grow direct memory, with 95% confidence beyond {@link #DIRECT_FLOOR_BYTES}
     * over the whole run and over its later half alone (when that can be fitted), unless its buffers were all
     * sampled in the JDK's per-thread cache of temporary buffers: that cache, and other pools, fill up and stop,
     * and a few GCs cannot tell their levelling off from a steady slope.
     */
    public static boolean growsDirectMemory(ProtocolRetention p) {
        Estimate direct = p.directBytesPerExchange();
        Estimate later = p.laterDirectBytesPerExchange();
        return direct.known() && direct.ciLow() > DIRECT_FLOOR_BYTES
                && p.directBufferOrigin() != DirectBufferOrigin.JDK_TEMPORARY_CACHE
                && (!later.known() || later.ciLow() > DIRECT_FLOOR_BYTES);
    }

    /**
     * "HTTP/2 grows direct memory by 1.2 KiB/exchange (95% CI 1.2 KiB..1.3 KiB) and RSS by 1.9 KiB/exchange (95% CI
     * 1.1 KiB..2.6 KiB), heap flat; " for each protocol whose exchanges grow direct memory, else nothing.
     */
    private static String offHeapGrowth(List<ProtocolRetention> protocols) {
        StringBuilder text = new StringBuilder();
        for (ProtocolRetention p : protocols) {
            if (!growsDirectMemory(p)) {
                continue;
            }
            text.append(p.label()).append(" grows direct memory by ").append(perExchange(p.directBytesPerExchange()));
            if (p.rssBytesPerExchange().known()) {
                text.append(" and RSS by ").append(perExchange(p.rssBytesPerExchange()));
            }
            text.append(p.status() == Status.NONE ? ", heap flat" : "").append("; ");
        }
        return text.toString();
    }

    /** "1.2 KiB/exchange (95% CI 1.2 KiB..1.3 KiB)". */
    private static String perExchange(Estimate e) {
        return withInterval(e, "/exchange");
    }

    /** "97.0 KiB each (95% CI 95.0 KiB..99.0 KiB)" for {@code unit} " each". */
    private static String withInterval(Estimate e, String unit) {
        return Units.bytes(e.estimate()) + unit + " (95% CI " + Units.bytes(e.ciLow()) + ".." + Units.bytes(e.ciHigh()) + ")";
    }

    /** " (24 left open in CLOSE_WAIT)": how the listed ones are held, where the listing names any. */
    private static String kinds(Map<String, Long> leakedByKind) {
        if (leakedByKind.isEmpty()) {
            return "";
        }
        return leakedByKind.entrySet().stream()
                .map(kind -> Units.count(kind.getValue()) + " " + KIND_WORDS.getOrDefault(kind.getKey(), kind.getKey()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** "; one-off retention of 20.0 MiB between HTTP/2 exchanges 4,001 and 4,201 (12:01:07–12:01:44)". */
    private static String oneOffs(List<OneOffRetention> significant) {
        if (significant.isEmpty()) {
            return "";
        }
        LevelStep largest = significant.get(0).step();
        String text = "; one-off retention of " + Units.bytes(largest.bytes()) + " between " + largest.place();
        if (significant.size() > 1) {
            long total = significant.stream().mapToLong(o -> o.step().bytes()).sum();
            text += " and " + (significant.size() - 1) + " more (" + Units.bytes(total) + " in all)";
        }
        return text;
    }


    private static String numbers(ProtocolRetention p) {
        Estimate e = p.retainedBytesPerExchange();
        if (!e.known()) {
            return p.label() + ": too little data";
        }
        return String.format(Locale.ROOT, "%s retains %s B/exchange (95%% CI %s..%s)%s", p.label(),
                round(e.estimate()), round(e.ciLow()), round(e.ciHigh()),
                fewGcs(p.checkpoints()) ? " from " + p.checkpoints() + (p.checkpoints() == 1 ? " GC" : " GCs") : "");
    }

    private static String conclusion(List<ProtocolRetention> protocols) {
        String retaining = labels(protocols, p -> p.status() == Status.RETAINS);
        String unclear = labels(protocols, p -> p.status() == Status.UNCLEAR);
        String wide = labels(protocols, p -> p.status() == Status.UNCLEAR && !medianDisagrees(p));
        String jumps = protocols.stream().filter(p -> p.status() == Status.UNCLEAR && medianDisagrees(p))
                .map(p -> p.label() + " (its slope rests on a few jumps of the heap between GCs; their median slope is "
                        + round(p.medianRetainedBytesPerExchange().estimate()) + " B/exchange)")
                .collect(Collectors.joining(" and "));
        String tooLittle = labels(protocols, p -> p.status() == Status.TOO_LITTLE_DATA);
        boolean allDecided = unclear.isEmpty() && tooLittle.isEmpty();
        if (allDecided && retaining.isEmpty()) {
            return NO_RETENTION;
        }
        if (allDecided) {
            long count = protocols.stream().filter(p -> p.status() == Status.RETAINS).count();
            if (protocols.size() == 1) {
                return "retention";
            }
            return count == protocols.size() ? "retention in all of " + retaining : retaining + "-only retention";
        }
        StringBuilder text = new StringBuilder();
        if (!retaining.isEmpty()) {
            text.append("retention in ").append(retaining).append("; ");
        }
        if (!wide.isEmpty()) {
            text.append("unclear for ").append(wide).append(" (interval spans ")
                    .append(round(FLOOR_BYTES)).append(" B/exchange); ");
        }
        if (!jumps.isEmpty()) {
            text.append("unclear for ").append(jumps).append("; ");
        }
        if (!tooLittle.isEmpty()) {
            text.append("too little data for ").append(tooLittle).append("; ");
        }
        return text.substring(0, text.length() - 2);
    }

    private static String labels(List<ProtocolRetention> protocols, Predicate<ProtocolRetention> filter) {
        return protocols.stream().filter(filter).map(ProtocolRetention::label).collect(Collectors.joining(" and "));
    }

    private static String round(double bytes) {
        return Long.toString(Math.round(bytes));
    }
}
