package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.SampleSummary;
import dev.httpmem.analysis.model.LiveSnapshot;
import java.util.Locale;
import java.util.Map;

/** A live snapshot's machine-readable form; field names are a contract with scripts and tests. */
public final class LiveJson {

    private LiveJson() {
    }

    /** One line of JSON, so a script can read the stream line by line. */
    public static String toJsonLine(LiveSnapshot snapshot) {
        SampleSummary samples = snapshot.samples();
        Map<String, Object> root = object(
                "time", snapshot.time().toString(),
                "intervalSeconds", snapshot.interval().toNanos() / 1e9,
                "protocols", snapshot.protocols().stream().map(p -> object(
                        "protocol", p.protocol(),
                        "exchanges", p.intervalExchanges(),
                        "exchangesPerSecond", p.exchangesPerSecond(),
                        "exchangesTotal", p.total().exchanges(),
                        "statusClasses", ReportJson.statusClasses(p.total()),
                        "allocatedBytesPerExchange", object(
                                "p50", p.total().allocatedBytes().p50(),
                                "p99", p.total().allocatedBytes().p99()),
                        "retainedBytesPerExchange", p.retainedBytesPerExchange().known() ? object(
                                "estimate", p.retainedBytesPerExchange().estimate(),
                                "ciLow", p.retainedBytesPerExchange().ciLow(),
                                "ciHigh", p.retainedBytesPerExchange().ciHigh()) : null)).toList(),
                "heapAfterGcBytes", snapshot.heapAfterGcBytes().isPresent() ? snapshot.heapAfterGcBytes().getAsLong() : null,
                "heapCheckpoints", snapshot.heapCheckpoints(),
                "openConnections", snapshot.openConnections().isPresent() ? snapshot.openConnections().getAsLong() : null,
                "idleConnections", snapshot.idleConnections().isPresent() ? snapshot.idleConnections().getAsLong() : null,
                "allocationSites", snapshot.allocationSites().stream().map(s -> object(
                        "protocol", s.protocol(),
                        "work", s.work().name().toLowerCase(Locale.ROOT),
                        "objectClass", s.objectClass(),
                        "frames", s.frames(),
                        "bytes", s.bytes(),
                        "share", s.share(),
                        "bytesPerExchange", s.bytesPerExchange())).toList(),
                "allocationSamples", object(
                        "samples", samples.samples(),
                        "bytes", samples.bytes(),
                        "unattributedSamples", samples.unattributedSamples()));
        return Json.writeLine(root);
    }
}
