package dev.httpmem.analysis.render;

import dev.httpmem.analysis.attribution.AllocationSite;
import dev.httpmem.analysis.attribution.SampleSummary;
import dev.httpmem.analysis.model.AgentHealth;
import dev.httpmem.analysis.model.AttributedAllocation;
import dev.httpmem.analysis.model.Distribution;
import dev.httpmem.analysis.model.EndpointStats;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.IdleConnection;
import dev.httpmem.analysis.model.LeakedConnection;
import dev.httpmem.analysis.model.OpenExchange;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.schema.Outcomes;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report as aligned plain text. */
public final class ReportText {
    private static final String INDENT = "  ";
    /** In the protocol table: after PROTOCOL, EXCHANGES and ALLOC/EXCH. */
    private static final int CONNECTION_WORK_COLUMN = 3;
    private static final String[] EXCHANGE_HEADERS = {
            "EXCHANGES", "ALLOC/EXCH", "P50", "P99", "MAX", "RESPONSE/EXCH", "ALLOC/RESPONSE-KiB", "WRITES/EXCH", "STATUS",
            "OUTCOMES"};

    private ReportText() {
    }

    public static String format(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(headline(report)).append("\n\n");

        out.append("Allocation per protocol\n");
        TextTable protocols = new TextTable("lrrrrrrrrrll",
                withConnectionWork(cells(List.of("PROTOCOL"), EXCHANGE_HEADERS), "CONN-WORK/EXCH"));
        for (ProtocolStats p : report.protocols()) {
            String connectionWork = report.attributed().map(a -> a.protocols().get(p.protocol()))
                    .map(work -> Units.bytes(work.connectionBytesPerExchange())).orElse("-");
            protocols.row(withConnectionWork(cells(List.of(p.protocol()), exchangeCells(p.exchanges())), connectionWork));
        }
        out.append(protocols.render(INDENT)).append('\n');

        out.append("Allocation per endpoint\n");
        TextTable endpoints = new TextTable("lllrrrrrrrrll", cells(List.of("PROTOCOL", "METHOD", "PATH"), EXCHANGE_HEADERS));
        for (EndpointStats e : report.endpoints()) {
            endpoints.row(cells(List.of(e.protocol(), e.method(), e.path()), exchangeCells(e.exchanges())));
        }
        out.append(endpoints.render(INDENT));

        for (ProtocolStats p : report.protocols()) {
            sites(report, p.protocol(), AllocationSite.Work.EXCHANGE,
                    "Top allocation sites, " + p.protocol() + " (" + Units.bytes(p.sampledBytes()) + " sampled)", out);
        }
        String writesIncluded = writesSampledWithOtherWork(report) ? " (writes made in it for its exchanges included)" : "";
        report.allocationSites().stream().filter(s -> s.work() == AllocationSite.Work.CONNECTION)
                .map(AllocationSite::protocol).distinct().forEach(protocol -> sites(report, protocol,
                        AllocationSite.Work.CONNECTION, "Top allocation sites of connection work, " + protocol + writesIncluded, out));

        openExchanges(report.openExchanges(), out);
        idleConnections(report.idleConnections(), out);
        leakedConnections(report.leakedConnections(), out);

        out.append('\n').append(attributed(report.attributed())).append('\n');
        out.append(samples(report.samples(), writesSampledWithOtherWork(report))).append('\n');
        out.append(report.agent().map(ReportText::agent).orElse("Agent: no httpmem.AgentStatistics event")).append('\n');
        return out.toString();
    }

    static String headline(Report report) {
        RecordingInfo recording = report.recording();
        String exchanges = report.protocols().stream()
                .map(p -> Units.count(p.exchanges().exchanges()) + " " + p.protocol())
                .collect(Collectors.joining(", "));
        return recording.incomplete().map(what -> "Incomplete recording: " + what + "\n").orElse("")
                + noExchanges(report) + errorAnswers(report) + allocationUnmeasured(report) + "Recording " + recording.file()
                + ": " + Units.duration(recording.duration()) + " from "
                + recording.start().truncatedTo(ChronoUnit.SECONDS) + "; exchanges: " + (exchanges.isEmpty() ? "none" : exchanges)
                + servletFallback(report);
    }

    /**
     * Protocols whose exchanges did work on virtual threads the agent could not count, first: their ALLOC figures are
     * too low.
     */
    private static String allocationUnmeasured(Report report) {
        return report.protocols().stream().filter(p -> p.exchanges().allocationUnmeasured() > 0)
                .map(p -> "Allocation not counted on virtual threads: " + Units.count(p.exchanges().allocationUnmeasured())
                        + " of " + Units.count(p.exchanges().exchanges()) + " " + p.protocol() + " exchanges did work on"
                        + " virtual threads, whose allocation HotSpot does not count per thread (JDK 21+); their ALLOC figures"
                        + " count only their work on platform threads. The allocation samples below still name their sites.\n")
                .collect(Collectors.joining());
    }

    /** What the servlet fallback's exchanges leave out, when some exchanges are its. */
    private static String servletFallback(Report report) {
        long exchanges = report.exchangesByStack().getOrDefault(Report.SERVLET_FALLBACK, 0L);
        return exchanges == 0 ? "" : "\nServlet fallback: " + Units.count(exchanges) + " exchanges are the servlets' work"
                + " only, from a container httpmem does not instrument: reading the request, filters, the container's"
                + " writes and HTTP/2 frames are not measured (RESPONSE/EXCH and WRITES/EXCH count none)";
    }

    /** Why the recording holds no exchange, when it holds none. */
    private static String noExchanges(Report report) {
        if (report.protocols().stream().anyMatch(p -> p.exchanges().exchanges() > 0)) {
            return "";
        }
        return "No exchanges: " + report.agent().map(agent -> agent.serversNotInstrumented().isEmpty()
                ? "the agent instrumented " + (agent.stacks().isEmpty() ? "no stack" : agent.stacks())
                        + " and saw no request; send requests while it records"
                : "this JVM ran " + agent.serversNotInstrumented() + ", which httpmem did not instrument"
                        + "; 'httpmem diff " + report.recording().file() + "' tells how its heap moved and what holds"
                        + " its live objects")
                .orElse("no agent statistics either: was the agent running?") + "\n";
    }

    /** A line per protocol most of whose exchanges were answered with an error, or nothing. */
    private static String errorAnswers(Report report) {
        StringBuilder lines = new StringBuilder();
        for (ProtocolStats p : report.protocols()) {
            p.exchanges().mostlyAnsweredWithError().ifPresent(errors -> lines.append(p.protocol()).append(": ")
                    .append(errors.describe()).append(": the figures below describe error responses; check the URL and the server\n"));
        }
        return lines.toString();
    }

    private static String[] exchangeCells(ExchangeStats stats) {
        Distribution allocated = stats.allocatedBytes();
        String outcomes = stats.outcomes().entrySet().stream()
                .map(e -> e.getKey() + " " + Units.count(e.getValue()) + (e.getKey().equals(Outcomes.FAILED) ? failures(stats) : ""))
                .collect(Collectors.joining(", "));
        return new String[] {
                Units.count(stats.exchanges()),
                Units.bytes(allocated.mean()),
                Units.bytes(allocated.p50()),
                Units.bytes(allocated.p99()),
                Units.bytes(allocated.max()),
                Units.bytes(stats.responseBodyBytesMean()),
                Units.bytes(stats.allocatedBytesPerResponseKiB()),
                String.format(Locale.ROOT, "%.1f", stats.responseWritesMean()),
                Units.statusClasses(stats.statusClasses()),
                outcomes};
    }

    /** The exception classes that failed exchanges, by simple name: " (PlantedFailure 22)". */
    private static String failures(ExchangeStats stats) {
        if (stats.failures().isEmpty()) {
            return "";
        }
        return stats.failures().entrySet().stream()
                .map(e -> e.getKey().substring(Math.max(e.getKey().lastIndexOf('.'), e.getKey().lastIndexOf('$')) + 1)
                        + " " + Units.count(e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** A protocol row (protocol, then its exchange cells) with its connection work right after ALLOC/EXCH. */
    private static String[] withConnectionWork(String[] row, String connectionWork) {
        String[] result = new String[row.length + 1];
        System.arraycopy(row, 0, result, 0, CONNECTION_WORK_COLUMN);
        result[CONNECTION_WORK_COLUMN] = connectionWork;
        System.arraycopy(row, CONNECTION_WORK_COLUMN, result, CONNECTION_WORK_COLUMN + 1, row.length - CONNECTION_WORK_COLUMN);
        return result;
    }

    private static void sites(Report report, String protocol, AllocationSite.Work work, String title, StringBuilder out) {
        List<AllocationSite> sites = report.allocationSites().stream()
                .filter(s -> s.work() == work && s.protocol().equals(protocol)).toList();
        if (sites.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        TextTable table = new TextTable("rrrl", "BYTES", "SHARE", "PER EXCH", "CLASS AT FRAMES");
        for (AllocationSite s : sites) {
            String where = s.frames().isEmpty() ? s.objectClass() : s.objectClass() + " at " + String.join(" < ", s.frames());
            table.row(Units.bytes(s.bytes()), Units.percent(s.share()), Units.bytes(s.bytesPerExchange()), where);
        }
        out.append(table.render(INDENT));
    }

    /** What share of the server's allocation the agent attributed, and to what. */
    static String attributed(Optional<AttributedAllocation> attributed) {
        if (attributed.isEmpty()) {
            return "Attributed: unknown (no two seconds in a row saw exchanges finish: a short recording, or one by an"
                    + " older agent)";
        }
        AttributedAllocation a = attributed.get();
        double server = a.serverBytes();
        return "Attributed " + Units.percent(a.share()) + " of the server's allocation while it served steadily ("
                + Units.bytes(a.serverBytes()) + " in " + Units.duration(a.window()) + ", the profiler's own threads' " + Units.bytes(a.profilerBytes())
                + " left out): exchanges " + Units.percent(a.exchangeBytes() / server) + ", their connections "
                + Units.percent(a.connectionBytes() / server) + ", I/O loops " + Units.percent(a.ioLoopBytes() / server);
    }

    /** Whether the agent recorded a write made inside other work as part of that work: see {@link AgentHealth#everySlice}. */
    private static boolean writesSampledWithOtherWork(Report report) {
        return report.agent().map(agent -> !agent.everySlice()).orElse(false);
    }

    private static String samples(SampleSummary samples, boolean writesWithOtherWork) {
        if (samples.samples() == 0) {
            return "Allocation samples: none (is jdk.ObjectAllocationSample enabled?)";
        }
        String line = "Allocation samples: " + Units.count(samples.samples()) + " weighing " + Units.bytes(samples.bytes())
                + "; " + Units.bytes(samples.connectionWorkBytes()) + " in connection work"
                + "; unattributed (outside exchange and connection slices): " + Units.count(samples.unattributedSamples()) + " weighing "
                + Units.bytes(samples.unattributedBytes()) + " (" + Units.percent((double) samples.unattributedBytes() / samples.bytes())
                + "), of which " + Units.bytes(samples.unattributedOnExchangeThreadsBytes())
                + " on threads that ran exchanges (class loading at first use, request parsing, connection handling), the rest on others"
                + " (startup, JDK threads)";
        if (writesWithOtherWork) {
            line += "; a frame or body write made inside a connection's work (its flush) counts, bytes and samples,"
                    + " as that work, and one made inside another stream's handling is sampled with it though its bytes"
                    + " count for its exchange (agent option detail=all measures and samples each with its exchange)";
        }
        return samples.overflowBytes() == 0 ? line
                : line + "; " + Units.bytes(samples.overflowBytes()) + " in (other sites): too many distinct sites";
    }

    private static String agent(AgentHealth agent) {
        return "Agent: httpmem " + agent.agentVersion() + " on " + agent.stacks() + "; suppressed errors "
                + Units.count(agent.suppressedErrors()) + ", untracked exchanges " + Units.count(agent.untracked())
                + ", exchanges open " + Units.count(agent.exchangesOpen())
                + (agent.slicesTooDeep() == 0 ? "" : ", slices nested too deep to measure alone "
                + Units.count(agent.slicesTooDeep()) + " (counted with the slice around them)")
                + (agent.openedTwice() == 0 ? "" : ", exchanges opened twice " + Units.count(agent.openedTwice())
                + " (each counted with the one already open)")
                + (agent.serversNotInstrumented().isEmpty() ? "" : "; not instrumented: " + agent.serversNotInstrumented());
    }

    private static String[] cells(List<String> head, String[] tail) {
        return Stream.concat(head.stream(), Arrays.stream(tail)).toArray(String[]::new);
    }

    /** Exchanges a handler never completed, a wedged connection, an end the stack never ran: oldest first. */
    static void openExchanges(List<OpenExchange> openExchanges, StringBuilder out) {
        if (openExchanges.isEmpty()) {
            return;
        }
        out.append("\nExchanges still open at the end (oldest first)\n");
        TextTable table = new TextTable("rllrrll", "AGE", "STACK", "PROTOCOL", "CONNECTION", "STREAM", "METHOD", "PATH");
        for (OpenExchange open : openExchanges) {
            table.row(Units.duration(open.age()), open.stack(), open.protocol(), Long.toString(open.connectionId()),
                    Long.toString(open.streamId()), open.method(), open.path());
        }
        out.append(table.render(INDENT));
    }

    /** Connections that outlived all their exchanges: kept open by clients, or never closed by the server. */
    static void idleConnections(List<IdleConnection> idleConnections, StringBuilder out) {
        if (idleConnections.isEmpty()) {
            return;
        }
        out.append("\nConnections idle with no open exchange at the end (longest idle first)\n");
        TextTable table = new TextTable("rrllrrl", "IDLE", "AGE", "STACK", "PROTOCOL", "CONNECTION", "EXCHANGES", "PEER");
        for (IdleConnection idle : idleConnections) {
            table.row(Units.duration(idle.idle()), Units.duration(idle.age()), idle.stack(), idle.protocol(),
                    Long.toString(idle.connectionId()), Units.count(idle.exchanges()),
                    idle.peer() + (idle.suspect() ? " (suspect: idle for long, its peer unseen)" : ""));
        }
        out.append(table.render(INDENT));
    }

    /** Connections held after their clients left, and how the agent knows. */
    static void leakedConnections(List<LeakedConnection> leakedConnections, StringBuilder out) {
        if (leakedConnections.isEmpty()) {
            return;
        }
        out.append("\nConnections leaked at the end: held after their clients left (longest first)\n");
        TextTable table = new TextTable("rrllrrrl", "LEAKED FOR", "AGE", "STACK", "PROTOCOL", "CONNECTION", "EXCHANGES",
                "FAILED", "HOW");
        for (LeakedConnection leaked : leakedConnections) {
            table.row(Units.duration(leaked.leakedFor()), Units.duration(leaked.age()), leaked.stack(), leaked.protocol(),
                    Long.toString(leaked.connectionId()), Units.count(leaked.exchanges()),
                    Units.count(leaked.failedExchanges()), leaked.kind());
        }
        out.append(table.render(INDENT));
    }

}
