package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Units.bytes;
import static dev.httpmem.analysis.render.Units.count;
import static dev.httpmem.analysis.render.Units.percent;

import dev.httpmem.analysis.attribution.AllocationSite;
import dev.httpmem.analysis.model.Distribution;
import dev.httpmem.analysis.model.LiveProtocol;
import dev.httpmem.analysis.model.LiveSnapshot;
import dev.httpmem.analysis.retention.Estimate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One frame of the live view. */
public final class WatchText {
    private static final String INDENT = "  ";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private WatchText() {
    }

    public static String format(LiveSnapshot snapshot, String source) {
        StringBuilder out = new StringBuilder();
        out.append("httpmem watch ").append(source).append(", ").append(CLOCK.format(snapshot.time()))
                .append(" (Ctrl-C to stop)\n\n");
        if (snapshot.protocols().isEmpty()) {
            out.append(INDENT).append("no exchanges yet\n");
        } else {
            TextTable table = new TextTable("lrrrrll", "PROTOCOL", "EXCH/S", "EXCHANGES", "ALLOC/EXCH P50", "P99", "STATUS",
                    "RETAINED/EXCH (95% CI)");
            for (LiveProtocol p : snapshot.protocols()) {
                Distribution allocated = p.total().allocatedBytes();
                table.row(p.protocol(), String.format(Locale.ROOT, "%.1f", p.exchangesPerSecond()), count(p.total().exchanges()),
                        bytes(allocated.p50()), bytes(allocated.p99()), Units.statusClasses(p.total().statusClasses()),
                        retained(p.retainedBytesPerExchange()));
            }
            out.append(table.render(INDENT));
        }
        out.append('\n').append("Heap after the last GC: ")
                .append(snapshot.heapAfterGcBytes().isPresent() ? bytes(snapshot.heapAfterGcBytes().getAsLong()) : "- (no GC yet)");
        if (snapshot.openConnections().isPresent()) {
            out.append("; connections: ").append(count(snapshot.openConnections().getAsLong())).append(" open, ")
                    .append(count(snapshot.idleConnections().orElse(0))).append(" with no open exchange");
        }
        out.append('\n');
        if (snapshot.heapCheckpoints() == 0) {
            out.append("Retained per exchange: no httpmem.HeapCheckpoint events (yet), so no estimate\n");
        }
        for (LiveProtocol p : snapshot.protocols()) {
            List<AllocationSite> sites = snapshot.allocationSites().stream()
                    .filter(s -> s.work() == AllocationSite.Work.EXCHANGE && s.protocol().equals(p.protocol())).toList();
            if (sites.isEmpty()) {
                continue;
            }
            out.append("\nTop allocation sites since the start, ").append(p.protocol()).append('\n');
            TextTable table = new TextTable("rrrl", "BYTES", "SHARE", "PER EXCH", "CLASS AT FRAMES");
            for (AllocationSite s : sites) {
                String where = s.frames().isEmpty() ? s.objectClass() : s.objectClass() + " at " + String.join(" < ", s.frames());
                table.row(bytes(s.bytes()), percent(s.share()), bytes(s.bytesPerExchange()), where);
            }
            out.append(table.render(INDENT));
        }
        return out.toString();
    }

    private static String retained(Estimate estimate) {
        return estimate.known()
                ? signedBytes(estimate.estimate()) + " (" + signedBytes(estimate.ciLow()) + ".." + signedBytes(estimate.ciHigh()) + ")"
                : "-";
    }

    private static String signedBytes(double value) {
        return (value < 0 ? "-" : "") + bytes(Math.abs(value));
    }
}
