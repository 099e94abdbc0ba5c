package dev.httpmem.cli;

import dev.httpmem.analysis.AgentHealth;
import dev.httpmem.analysis.AllocationSite;
import dev.httpmem.analysis.Distribution;
import dev.httpmem.analysis.EndpointStats;
import dev.httpmem.analysis.ExchangeStats;
import dev.httpmem.analysis.ProtocolStats;
import dev.httpmem.analysis.RecordingInfo;
import dev.httpmem.analysis.Report;
import dev.httpmem.analysis.SampleSummary;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report as aligned plain text. */
final class ReportText {
    private static final String INDENT = "  ";
    private static final String[] EXCHANGE_HEADERS = {
            "EXCHANGES", "ALLOC/EXCH", "P50", "P99", "MAX", "RESPONSE/EXCH", "ALLOC/RESPONSE-KiB", "WRITES/EXCH", "OUTCOMES"};

    private ReportText() {
    }

    static String format(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(headline(report)).append("\n\n");

        out.append("Allocation per protocol\n");
        TextTable protocols = new TextTable("lrrrrrrrrl", cells(List.of("PROTOCOL"), EXCHANGE_HEADERS));
        for (ProtocolStats p : report.protocols()) {
            protocols.row(cells(List.of(p.protocol()), exchangeCells(p.exchanges())));
        }
        out.append(protocols.render(INDENT)).append('\n');

        out.append("Allocation per endpoint\n");
        TextTable endpoints = new TextTable("lllrrrrrrrrl", cells(List.of("PROTOCOL", "METHOD", "PATH"), EXCHANGE_HEADERS));
        for (EndpointStats e : report.endpoints()) {
            endpoints.row(cells(List.of(e.protocol(), e.method(), e.path()), exchangeCells(e.exchanges())));
        }
        out.append(endpoints.render(INDENT));

        for (ProtocolStats p : report.protocols()) {
            List<AllocationSite> sites = report.allocationSites().stream()
                    .filter(s -> s.protocol().equals(p.protocol())).toList();
            if (sites.isEmpty()) {
                continue;
            }
            out.append("\nTop allocation sites, ").append(p.protocol()).append(" (")
                    .append(bytes(p.sampledBytes())).append(" sampled)\n");
            TextTable table = new TextTable("rrrl", "BYTES", "SHARE", "PER EXCH", "CLASS AT FRAMES");
            for (AllocationSite s : sites) {
                String where = s.frames().isEmpty() ? s.objectClass() : s.objectClass() + " at " + String.join(" < ", s.frames());
                table.row(bytes(s.bytes()), percent(s.share()), bytes(s.bytesPerExchange()), where);
            }
            out.append(table.render(INDENT));
        }

        out.append('\n').append(samples(report.samples())).append('\n');
        out.append(report.agent().map(ReportText::agent).orElse("Agent: no httpmem.AgentStatistics event")).append('\n');
        return out.toString();
    }

    private static String headline(Report report) {
        RecordingInfo recording = report.recording();
        String exchanges = report.protocols().stream()
                .map(p -> count(p.exchanges().exchanges()) + " " + p.protocol())
                .collect(Collectors.joining(", "));
        return "Recording " + recording.file() + ": " + duration(recording.duration()) + " from " + recording.start().truncatedTo(ChronoUnit.SECONDS)
                + "; exchanges: " + (exchanges.isEmpty() ? "none" : exchanges);
    }

    private static String[] exchangeCells(ExchangeStats stats) {
        Distribution allocated = stats.allocatedBytes();
        String outcomes = stats.outcomes().entrySet().stream()
                .map(e -> e.getKey() + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
        return new String[] {
                count(stats.exchanges()),
                bytes(allocated.mean()),
                bytes(allocated.p50()),
                bytes(allocated.p99()),
                bytes(allocated.max()),
                bytes(stats.responseBodyBytesMean()),
                bytes(stats.allocatedBytesPerResponseKiB()),
                String.format(Locale.ROOT, "%.1f", stats.responseWritesMean()),
                outcomes};
    }

    private static String samples(SampleSummary samples) {
        if (samples.samples() == 0) {
            return "Allocation samples: none (is jdk.ObjectAllocationSample enabled?)";
        }
        String line = "Allocation samples: " + count(samples.samples()) + " weighing " + bytes(samples.bytes())
                + "; unattributed (outside exchange slices): " + count(samples.unattributedSamples()) + " weighing "
                + bytes(samples.unattributedBytes()) + " (" + percent((double) samples.unattributedBytes() / samples.bytes()) + ")";
        return samples.overflowBytes() == 0 ? line
                : line + "; " + bytes(samples.overflowBytes()) + " in (other sites): too many distinct sites";
    }

    private static String agent(AgentHealth agent) {
        return "Agent: httpmem " + agent.agentVersion() + " on " + agent.stacks() + "; suppressed errors "
                + count(agent.suppressedErrors()) + ", untracked exchanges " + count(agent.untracked())
                + ", exchanges open " + count(agent.exchangesOpen());
    }

    private static String[] cells(List<String> head, String[] tail) {
        return Stream.concat(head.stream(), Arrays.stream(tail)).toArray(String[]::new);
    }

    static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value < 1024) {
            return Math.round(value) + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value / 1024;
        int unit = 0;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
