package dev.httpmem.analysis;

import static dev.httpmem.analysis.read.Events.text;

import dev.httpmem.analysis.attribution.SiteAttribution;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.ExchangeTally;
import dev.httpmem.analysis.model.LiveProtocol;
import dev.httpmem.analysis.model.LiveSnapshot;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ExchangeRole;
import dev.httpmem.analysis.retention.Checkpoint;
import dev.httpmem.analysis.retention.RetentionFit;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.SliceFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** A day of one GC a second: what the fit looks back on, bounded whatever the watch's length. */
    static final int MAX_CHECKPOINTS = 86_400;

    private final int topSites;
    private final Map<String, ExchangeTally> totals = new TreeMap<>();
    private final Map<String, Long> intervalExchanges = new HashMap<>();
    private final SiteAttribution sites = SiteAttribution.streaming(ReportAnalysis.MAX_SITES);
    /** The latest checkpoints; retention is fitted on them as {@code diff} fits a recording. */
    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();
    private Instant intervalStart;
    private long heapAfterGc = -1;
    private Instant heapTime = Instant.MIN;
    private long heapCheckpoints;
    private long openConnections = -1;
    private long idleConnections = -1;
    private Instant connectionsTime = Instant.MIN;

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
        for (String event : new String[] {EventNames.EXCHANGE, EventNames.SLICE, EventNames.AGENT_STATISTICS, EventNames.HEAP_CHECKPOINT,
                "jdk.ObjectAllocationSample", "jdk.GCHeapSummary"}) {
            settings.put(event + "#enabled", "true");
        }
        settings.put(EventNames.AGENT_STATISTICS + "#period", "everyChunk");
        settings.put("jdk.ObjectAllocationSample#stackTrace", "true");
        settings.put("jdk.ObjectAllocationSample#throttle", "1000/s");
        return settings;
    }

    public void subscribe(EventStream stream) {
        stream.onEvent(EventNames.EXCHANGE, this::onExchange);
        stream.onEvent(EventNames.SLICE, this::onSlice);
        stream.onEvent(EventNames.HEAP_CHECKPOINT, this::onHeapCheckpoint);
        stream.onEvent("jdk.ObjectAllocationSample", this::onAllocationSample);
        stream.onEvent("jdk.GCHeapSummary", this::onHeapSummary);
        stream.onFlush(this::onFlush);
    }

    /** The end of a flush segment: allocation samples are attributed then. */
    synchronized void onFlush() {
        sites.flush();
    }

    synchronized void onExchange(RecordedEvent event) {
        if (!has(event, ExchangeFields.PROTOCOL, ExchangeFields.OUTCOME, ExchangeFields.ALLOCATED_BYTES,
                ExchangeFields.RESPONSE_BODY_BYTES, ExchangeFields.RESPONSE_WRITES)) {
            return;
        }
        String protocol = ExchangeRole.protocolKey(Events.EXCHANGE_ROLE.text(event),
                text(event, ExchangeFields.PROTOCOL));
        totals.computeIfAbsent(protocol, p -> new ExchangeTally()).add(event.getLong(ExchangeFields.ALLOCATED_BYTES),
                event.getLong(ExchangeFields.RESPONSE_BODY_BYTES), event.getLong(ExchangeFields.RESPONSE_WRITES),
                        text(event, ExchangeFields.OUTCOME),
                Events.status(event), Events.FAILURE.text(event));
        intervalExchanges.merge(protocol, 1L, Long::sum);
    }

    synchronized void onSlice(RecordedEvent event) {
        if (has(event, SliceFields.PROTOCOL)) {
            sites.slice(event);
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
        if (!has(event, Checkpoint.FIELDS.toArray(String[]::new))) {
            return;
        }
        heapCheckpoints++;
        Checkpoint checkpoint = Checkpoint.of(event);
        heapAfterGc(event.getEndTime(), checkpoint.heapUsed());
        if (!event.getEndTime().isBefore(connectionsTime)) {
            connectionsTime = event.getEndTime();
            openConnections = event.getLong(HeapCheckpointFields.OPEN_CONNECTIONS);
            idleConnections = event.getLong(HeapCheckpointFields.IDLE_CONNECTIONS);
        }
        if (checkpoints.size() == MAX_CHECKPOINTS) {
            checkpoints.removeFirst();
        }
        checkpoints.addLast(checkpoint);
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
        List<Checkpoint> all = List.copyOf(checkpoints);
        Map<String, RetentionFit.ProtocolFit> fits = RetentionFit.fit("live", all.stream().filter(Checkpoint::forced).toList(), all)
                .protocols();
        totals.forEach((protocol, tally) -> {
            ExchangeStats total = tally.stats();
            exchanges.put(protocol, total.exchanges());
            long recent = intervalExchanges.getOrDefault(protocol, 0L);
            protocols.add(new LiveProtocol(protocol, recent, recent / seconds, total,
                    fits.getOrDefault(protocol, RetentionFit.ProtocolFit.NONE).heapPerExchange()));
        });
        intervalExchanges.clear();
        intervalStart = now;
        return new LiveSnapshot(now, interval, protocols,
                known(heapAfterGc), heapCheckpoints, known(openConnections), known(idleConnections),
                sites.top(topSites, exchanges), sites.summary());
    }

    private static OptionalLong known(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
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
