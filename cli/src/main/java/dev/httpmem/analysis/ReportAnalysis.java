package dev.httpmem.analysis;

import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_ALLOCATED;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_FAILURE;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_MEASURED;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_METHOD;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_OUTCOME;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_PATH;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_PROTOCOL;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_RESPONSE_BYTES;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_ROLE;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_STACK;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_STATUS;
import static dev.httpmem.analysis.read.PositionalEvents.EXCHANGE_WRITES;


import dev.httpmem.analysis.attribution.Site;
import dev.httpmem.analysis.attribution.SiteAttribution;
import dev.httpmem.analysis.model.AgentHealth;
import dev.httpmem.analysis.model.EndpointStats;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.ExchangeTally;
import dev.httpmem.analysis.model.IdleConnection;
import dev.httpmem.analysis.model.LeakedConnection;
import dev.httpmem.analysis.model.OpenExchange;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.DamagedChunks;
import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ExchangeRole;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.analysis.read.LatestListing;
import dev.httpmem.analysis.read.RecordingCheck;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.analysis.read.RecordingStream;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.CommonFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.LeakedConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import dev.httpmem.schema.SliceFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a recording in one ordered streaming pass and reports allocation per protocol, endpoint and site.
 * Memory stays bounded whatever the file size: histograms are fixed-size and the tables are capped.
 */
public final class ReportAnalysis {
    public static final int DEFAULT_TOP_SITES = 10;
    static final int MAX_ENDPOINTS = 1_000;
    static final int MAX_SITES = 10_000;

    private final Map<String, ExchangeTally> protocols = new TreeMap<>();
    private final Map<EndpointKey, ExchangeTally> endpoints = new HashMap<>();
    private EndpointKey lastEndpointKey;
    private ExchangeTally lastEndpoint;
    /** Counts in arrays: boxed anew for every exchange, they were much of what a reading allocated. */
    private final Map<String, long[]> exchangesByStack = new TreeMap<>();
    /** Allocation samples and the slices they join, read together by position. */
    private final SiteAttribution sites = SiteAttribution.streaming(MAX_SITES);
    private final LatestListing<OpenExchange> openExchanges = new LatestListing<>(ReportAnalysis::openExchange,
            Comparator.comparing(OpenExchange::age).reversed());
    private final LatestListing<IdleConnection> idleConnections = new LatestListing<>(ReportAnalysis::idleConnection,
            Comparator.comparing(IdleConnection::idle).reversed());
    /**
     * Listings made right after a GC, by number. A connection is found leaked at GCs, and a server that closes its
     * connections as it shuts down would empty the listing made when the recording stops at exit.
     */
    private final Set<Long> checkpointListings = new HashSet<>();
    private final LatestListing<LeakedConnection> leakedConnections = new LatestListing<>(ReportAnalysis::leakedConnection,
            Comparator.comparing(LeakedConnection::leakedFor).reversed(), checkpointListings::contains);
    private final AllocationTotalsWindow allocationTotals;
    /** Only for an HTML page: the text and JSON reports do not pay for it. */
    private final Optional<FlameStackTally> flameStacks;
    private long httpmemEvents;
    private AgentHealth latestAgent;
    private long latestAgentNanos = Long.MIN_VALUE;

    ReportAnalysis(FlameStacks.Collected collected) {
        this.allocationTotals = new AllocationTotalsWindow();
        this.flameStacks = collected == FlameStacks.Collected.NONE ? Optional.empty()
                : Optional.of(new FlameStackTally(collected == FlameStacks.Collected.ALLOCATION_AND_LIVE));
    }

    public static Report analyze(Path recording) {
        return analyze(recording, DEFAULT_TOP_SITES, DamagedChunks.REFUSE);
    }

    /**
     * Reads a recording once and reports its allocation.
     *
     * @param recording a recording file, or a JFR repository folder
     * @param topSites how many allocation sites to report per protocol
     */
    public static Report analyze(Path recording, int topSites, DamagedChunks damaged) {
        return analyze(recording, topSites, damaged, FlameStacks.Collected.NONE);
    }

    /**
     * Reads a recording once and reports its allocation, with the whole stacks of its samples where
     * {@code flameStacks} asks for them (for an HTML page's flame graphs).
     */
    public static Report analyze(Path recording, int topSites, DamagedChunks damaged, FlameStacks.Collected flameStacks) {
        return RecordingCheck.read(List.of(recording), damaged, checked -> {
            ReportAnalysis analysis = new ReportAnalysis(flameStacks);
            RecordingStream.pass(checked.get(0), analysis::subscribe);
            if (analysis.httpmemEvents == 0) {
                throw RecordingStream.noHttpmemEvents(recording);
            }
            return analysis.report(checked.get(0).info(), topSites);
        });
    }

    /** Registers this analysis's handlers on a pass; others may share the pass. */
    void subscribe(RecordingStream.Handlers stream) {
        stream.positional(PositionalEvents.EXCHANGE, this::onExchange);
        stream.positional(PositionalEvents.SLICE, this::onSlice);
        stream.positional(PositionalEvents.ALLOCATION_SAMPLE, sites::sample);
        stream.onFlush(sites::flush);
        // A listing's entries must follow the checkpoint that announces it.
        stream.positionalInTimeOrder(PositionalEvents.AGENT_STATISTICS, this::onStatistics);
        stream.positionalInTimeOrder(PositionalEvents.ALLOCATION_TOTALS, allocationTotals::add);
        stream.positionalInTimeOrder(PositionalEvents.OPEN_EXCHANGE, this::onOpenExchange);
        stream.positionalInTimeOrder(PositionalEvents.IDLE_CONNECTION, this::onIdleConnection);
        stream.positionalInTimeOrder(PositionalEvents.LEAKED_CONNECTION, this::onLeakedConnection);
        stream.positionalInTimeOrder(PositionalEvents.HEAP_CHECKPOINT, this::onCheckpointListing);
        flameStacks.ifPresent(tally -> tally.subscribe(stream));
    }

    /** The connections listed leaked at the end; known once the time-order events are read. */
    Set<Long> leakedConnectionIds() {
        Set<Long> ids = new HashSet<>();
        leakedConnections.sorted().forEach(connection -> ids.add(connection.connectionId()));
        return ids;
    }

    long httpmemEvents() {
        return httpmemEvents;
    }

    /** Sampled bytes per allocation site for {@code protocol}'s exchanges; after {@link #report}. */
    Map<Site, Long> siteBytes(String protocol) {
        return sites.bytesBySite(protocol);
    }

    private void onExchange(ChunkEvents.Event event) {
        httpmemEvents++;
        String protocol = PositionalEvents.protocolKey(event, EXCHANGE_PROTOCOL, EXCHANGE_ROLE);
        long allocated = event.number(EXCHANGE_ALLOCATED);
        long response = event.number(EXCHANGE_RESPONSE_BYTES);
        long writes = event.number(EXCHANGE_WRITES);
        String outcome = PositionalEvents.text(event, EXCHANGE_OUTCOME);
        String failure = event.text(EXCHANGE_FAILURE);
        int status = (int) event.number(EXCHANGE_STATUS);
        boolean measured = event.flag(EXCHANGE_MEASURED, true);
        ExchangeTally byProtocol = protocols.computeIfAbsent(protocol, p -> new ExchangeTally());
        byProtocol.add(allocated, response, writes, outcome, status, failure);
        ExchangeTally byEndpoint = endpoint(protocol, PositionalEvents.text(event, EXCHANGE_METHOD),
                PositionalEvents.text(event, EXCHANGE_PATH));
        byEndpoint.add(allocated, response, writes, outcome, status, failure);
        if (!measured) {
            byProtocol.allocationUnmeasured();
            byEndpoint.allocationUnmeasured();
        }
        String stack = event.text(EXCHANGE_STACK);
        if (stack != null) {
            exchangesByStack.computeIfAbsent(stack, k -> new long[1])[0]++;
        }
    }

    /**
     * The tally of an endpoint; the last one's at hand, as exchanges come in runs of one endpoint (a key made and
     * looked up for each took a fifth of the exchanges' handling).
     */
    private ExchangeTally endpoint(String protocol, String method, String path) {
        EndpointKey last = lastEndpointKey;
        if (last != null && last.path().equals(path) && last.method().equals(method) && last.protocol().equals(protocol)) {
            return lastEndpoint;
        }
        EndpointKey key = new EndpointKey(protocol, method, path);
        ExchangeTally tally = endpoints.get(key);
        if (tally == null) {
            tally = endpoints.computeIfAbsent(endpoints.size() < MAX_ENDPOINTS ? key
                    : new EndpointKey(protocol, "*", EndpointStats.OTHER), k -> new ExchangeTally());
        }
        lastEndpointKey = key;
        lastEndpoint = tally;
        return tally;
    }

    private void onSlice(ChunkEvents.Event event) {
        httpmemEvents++;
        sites.slice(event);
    }

    private void onStatistics(ChunkEvents.Event event) {
        httpmemEvents++;
        onListingAnnounced(event);
        if (event.endNanos() >= latestAgentNanos) {
            latestAgent = agentHealth(event);
            latestAgentNanos = event.endNanos();
        }
    }

    private void onCheckpointListing(ChunkEvents.Event event) {
        checkpointListings.add(event.number(PositionalEvents.LISTING));
        onListingAnnounced(event);
    }

    private void onListingAnnounced(ChunkEvents.Event event) {
        long listing = event.number(PositionalEvents.LISTING);
        openExchanges.announced(listing);
        idleConnections.announced(listing);
        leakedConnections.announced(listing);
    }

    private void onOpenExchange(ChunkEvents.Event event) {
        httpmemEvents++;
        openExchanges.add(event);
    }

    private void onIdleConnection(ChunkEvents.Event event) {
        httpmemEvents++;
        idleConnections.add(event);
    }

    private void onLeakedConnection(ChunkEvents.Event event) {
        httpmemEvents++;
        leakedConnections.add(event);
    }

    private static OpenExchange openExchange(ChunkEvents.Event event) {
        return new OpenExchange(event.number(PositionalEvents.OPEN_EXCHANGE_ID),
                PositionalEvents.nanoseconds(event, PositionalEvents.OPEN_EXCHANGE_AGE),
                PositionalEvents.text(event, PositionalEvents.OPEN_EXCHANGE_STACK),
                PositionalEvents.protocolKey(event, PositionalEvents.OPEN_EXCHANGE_PROTOCOL, PositionalEvents.OPEN_EXCHANGE_ROLE),
                event.number(PositionalEvents.OPEN_EXCHANGE_CONNECTION), event.number(PositionalEvents.OPEN_EXCHANGE_STREAM),
                PositionalEvents.text(event, PositionalEvents.OPEN_EXCHANGE_METHOD),
                PositionalEvents.text(event, PositionalEvents.OPEN_EXCHANGE_PATH));
    }

    private static IdleConnection idleConnection(ChunkEvents.Event event) {
        return new IdleConnection(event.number(PositionalEvents.IDLE_CONNECTION_ID),
                PositionalEvents.text(event, PositionalEvents.IDLE_CONNECTION_STACK),
                PositionalEvents.protocolKey(event, PositionalEvents.IDLE_CONNECTION_PROTOCOL, PositionalEvents.IDLE_CONNECTION_ROLE),
                PositionalEvents.nanoseconds(event, PositionalEvents.IDLE_CONNECTION_AGE),
                PositionalEvents.nanoseconds(event, PositionalEvents.IDLE_CONNECTION_IDLE),
                event.number(PositionalEvents.IDLE_CONNECTION_EXCHANGES),
                event.present(PositionalEvents.IDLE_CONNECTION_PEER)
                        ? PositionalEvents.text(event, PositionalEvents.IDLE_CONNECTION_PEER) : "unknown");
    }

    private static LeakedConnection leakedConnection(ChunkEvents.Event event) {
        return new LeakedConnection(event.number(PositionalEvents.LEAKED_CONNECTION_ID),
                PositionalEvents.text(event, PositionalEvents.LEAKED_CONNECTION_STACK),
                PositionalEvents.protocolKey(event, PositionalEvents.LEAKED_CONNECTION_PROTOCOL,
                        PositionalEvents.LEAKED_CONNECTION_ROLE),
                PositionalEvents.text(event, PositionalEvents.LEAKED_CONNECTION_KIND),
                PositionalEvents.nanoseconds(event, PositionalEvents.LEAKED_CONNECTION_AGE),
                PositionalEvents.nanoseconds(event, PositionalEvents.LEAKED_CONNECTION_LEAKED_FOR),
                event.number(PositionalEvents.LEAKED_CONNECTION_EXCHANGES),
                event.number(PositionalEvents.LEAKED_CONNECTION_FAILED), event.startNanos());
    }

    /** Ends the pass: call once, after the stream. */
    Report report(RecordingInfo info, int topSites) {
        sites.finish();
        Map<String, Long> sampledBytes = sites.bytesByProtocol();
        Map<String, Long> exchanges = new LinkedHashMap<>();
        List<ProtocolStats> protocolStats = new ArrayList<>();
        protocols.forEach((protocol, tally) -> {
            ExchangeStats stats = tally.stats();
            exchanges.put(protocol, stats.exchanges());
            protocolStats.add(new ProtocolStats(protocol, stats, sampledBytes.getOrDefault(protocol, 0L)));
        });
        sampledBytes.forEach((protocol, bytes) -> {
            if (!protocols.containsKey(protocol)) {
                protocolStats.add(new ProtocolStats(protocol, new ExchangeTally().stats(), bytes));
            }
        });
        protocolStats.sort(Comparator.comparing(ProtocolStats::protocol));
        List<EndpointStats> endpointStats = new ArrayList<>();
        endpoints.forEach((key, tally) -> endpointStats.add(new EndpointStats(key.protocol, key.method, key.path, tally.stats())));
        endpointStats.sort(Comparator.comparing(EndpointStats::protocol)
                .thenComparing(e -> -e.exchanges().allocatedBytes().sum())
                .thenComparing(EndpointStats::path)
                .thenComparing(EndpointStats::method));
        return new Report(info, protocolStats, endpointStats, sites.top(topSites, exchanges), sites.summary(),
                allocationTotals.attributed(), Optional.ofNullable(latestAgent), openExchanges.sorted(), idleConnections.sorted(),
                leakedConnections.sorted(), exchangesByStack(),
                flameStacks.map(FlameStackTally::finish).orElse(FlameStacks.NONE));
    }

    private Map<String, Long> exchangesByStack() {
        Map<String, Long> counts = new TreeMap<>();
        exchangesByStack.forEach((stack, count) -> counts.put(stack, count[0]));
        return counts;
    }

    private static AgentHealth agentHealth(ChunkEvents.Event event) {
        String notInstrumented = event.text(PositionalEvents.STATISTICS_NOT_INSTRUMENTED);
        return new AgentHealth(PositionalEvents.text(event, PositionalEvents.STATISTICS_VERSION),
                PositionalEvents.text(event, PositionalEvents.STATISTICS_STACKS),
                event.number(PositionalEvents.STATISTICS_STARTED), event.number(PositionalEvents.STATISTICS_ENDED),
                event.number(PositionalEvents.STATISTICS_OPEN), event.number(PositionalEvents.STATISTICS_SUPPRESSED),
                event.number(PositionalEvents.STATISTICS_UNTRACKED),
                // Counts recordings from older agents lack: 0 there.
                event.number(PositionalEvents.STATISTICS_SLICES_TOO_DEEP),
                event.number(PositionalEvents.STATISTICS_OPENED_TWICE),
                notInstrumented == null ? "" : notInstrumented,
                event.flag(PositionalEvents.STATISTICS_EVERY_SLICE, true));
    }

    private record EndpointKey(String protocol, String method, String path) {
    }
}
