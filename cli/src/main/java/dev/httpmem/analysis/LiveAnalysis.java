package dev.httpmem.analysis;

import static dev.httpmem.analysis.RecordedEvents.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The report's aggregation fed by a live event stream: exchanges per protocol and allocation sites since the
 * watch began, exchanges per interval, the heap after GC and a retention estimate. The stream's thread feeds
 * it while another takes snapshots, hence the locking. Events lacking a field it reads are skipped, not
 * fatal: a live view should outlast one odd event.
 */
public final class LiveAnalysis {
    static final String HEAP_CHECKPOINT = "httpmem.HeapCheckpoint";
    private static final Map<String, String> CHECKPOINT_EXCHANGES = Map.of(
            "HTTP/1.1", "http1Exchanges",
            "HTTP/2", "http2Exchanges");

    private final int topSites;
    private final Map<String, ExchangeTally> totals = new TreeMap<>();
    private final Map<String, Long> intervalExchanges = new HashMap<>();
    private final SiteAttribution sites = new SiteAttribution(ReportAnalysis.MAX_SITES);
    private final Map<String, LeastSquares> retention = new HashMap<>();
    private Instant intervalStart;
    private long heapAfterGc = -1;
    private Instant heapTime = Instant.MIN;
    private long heapCheckpoints;

    public LiveAnalysis(int topSites, Instant start) {
        this.topSites = topSites;
        this.intervalStart = start;
    }

    /**
     * JFR settings enabling what the analysis reads, for a stream that starts its own recording (a remote
     * one); with the agent's statistics, so a recording kept from it can be reported.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String event : new String[] {"httpmem.Exchange", "httpmem.Slice", "httpmem.AgentStatistics", HEAP_CHECKPOINT,
                "jdk.ObjectAllocationSample", "jdk.GCHeapSummary"}) {
            settings.put(event + "#enabled", "true");
        }
        settings.put("httpmem.AgentStatistics#period", "everyChunk");
        settings.put("jdk.ObjectAllocationSample#stackTrace", "true");
        settings.put("jdk.ObjectAllocationSample#throttle", "1000/s");
        return settings;
    }

    public void subscribe(EventStream stream) {
        stream.onEvent("httpmem.Exchange", this::onExchange);
        stream.onEvent("httpmem.Slice", this::onSlice);
        stream.onEvent(HEAP_CHECKPOINT, this::onHeapCheckpoint);
        stream.onEvent("jdk.ObjectAllocationSample", this::onAllocationSample);
        stream.onEvent("jdk.GCHeapSummary", this::onHeapSummary);
    }

    synchronized void onExchange(RecordedEvent event) {
        if (!has(event, "protocol", "outcome", "allocatedBytes", "responseBodyBytes", "responseWrites")) {
            return;
        }
        String protocol = text(event, "protocol");
        totals.computeIfAbsent(protocol, p -> new ExchangeTally()).add(event.getLong("allocatedBytes"),
                event.getLong("responseBodyBytes"), event.getLong("responseWrites"), text(event, "outcome"));
        intervalExchanges.merge(protocol, 1L, Long::sum);
    }

    synchronized void onSlice(RecordedEvent event) {
        if (has(event, "protocol")) {
            sites.slice(event, text(event, "protocol"));
        }
    }

    synchronized void onAllocationSample(RecordedEvent event) {
        if (has(event, "objectClass", "weight")) {
            sites.sample(event);
        }
    }

    synchronized void onHeapSummary(RecordedEvent event) {
        if (has(event, "when", "heapUsed") && "After GC".equals(event.getString("when"))) {
            heapAfterGc(event.getEndTime(), event.getLong("heapUsed"));
        }
    }

    synchronized void onHeapCheckpoint(RecordedEvent event) {
        if (!has(event, "heapUsed")) {
            return;
        }
        heapCheckpoints++;
        long heapUsed = event.getLong("heapUsed");
        heapAfterGc(event.getEndTime(), heapUsed);
        CHECKPOINT_EXCHANGES.forEach((protocol, field) -> {
            if (event.hasField(field)) {
                retention.computeIfAbsent(protocol, p -> new LeastSquares()).add(event.getLong(field), heapUsed);
            }
        });
    }

    private void heapAfterGc(Instant time, long bytes) {
        if (!time.isBefore(heapTime)) {
            heapTime = time;
            heapAfterGc = bytes;
        }
    }

    /** What the stream showed up to {@code now}; starts the next interval. */
    public synchronized LiveSnapshot snapshot(Instant now) {
        Duration interval = Duration.between(intervalStart, now);
        double seconds = Math.max(1e-3, interval.toNanos() / 1e9);
        Map<String, Long> exchanges = new LinkedHashMap<>();
        List<LiveProtocol> protocols = new ArrayList<>();
        totals.forEach((protocol, tally) -> {
            ExchangeStats total = tally.stats();
            exchanges.put(protocol, total.exchanges());
            long recent = intervalExchanges.getOrDefault(protocol, 0L);
            LeastSquares fit = retention.get(protocol);
            protocols.add(new LiveProtocol(protocol, recent, recent / seconds, total,
                    fit == null ? Optional.empty() : fit.slope()));
        });
        intervalExchanges.clear();
        intervalStart = now;
        return new LiveSnapshot(now, interval, protocols,
                heapAfterGc < 0 ? OptionalLong.empty() : OptionalLong.of(heapAfterGc), heapCheckpoints,
                sites.top(topSites, exchanges), sites.summary());
    }

    private static boolean has(RecordedEvent event, String... fields) {
        for (String field : fields) {
            if (!event.hasField(field)) {
                return false;
            }
        }
        return true;
    }
}
