package dev.httpmem.analysis.attribution;

import dev.httpmem.analysis.read.Events;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Sampled bytes per site and protocol; at most {@code capacity} sites, the rest go to {@link #OTHER}. */
final class SiteTable implements SliceJoin.Claims<SiteTable.Sample> {
    static final Site OTHER = new Site("(other sites)", List.of());
    /** The protocol of connection work done before the connection's first exchange. */
    static final String BEFORE_FIRST_EXCHANGE = "(no exchange yet)";

    /** One {@code jdk.ObjectAllocationSample}: its site, interned here, the bytes it stands for, its thread. */
    record Sample(Site site, long weight, long thread) {
    }

    private final int capacity;
    private final Map<Site, Site> canonical = new HashMap<>();
    private final Map<String, Map<Site, long[]>> byProtocol = new TreeMap<>();
    /** Connection work's sites per protocol of the connection (its latest exchange's). */
    private final Map<String, Map<Site, long[]>> connectionWorkByProtocol = new TreeMap<>();
    private long connectionWorkBytes;
    private long samples;
    private long bytes;
    private long unattributedSamples;
    private long unattributedBytes;
    private long overflowBytes;
    /** Unattributed bytes per thread, told apart at the end by whether the thread ever ran exchange work. */
    private final Map<Long, Long> unattributedBytesByThread = new HashMap<>();
    private final Set<Long> exchangeThreads = new HashSet<>();
    private long lastExchangeThread;

    SiteTable(int capacity) {
        this.capacity = capacity;
    }

    /** The table's instance of {@code site}, so pending samples share one copy of its strings. */
    Site intern(Site site) {
        Site known = canonical.get(site);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= capacity) {
            return OTHER;
        }
        canonical.put(site, site);
        return site;
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // OTHER is the one instance canonical() hands out for the overflow
    public void claimed(Sample sample, String protocol, long exchangeId) {
        Site site = sample.site();
        long weight = sample.weight();
        count(weight);
        Map<String, Map<Site, long[]>> tallies = byProtocol;
        if (exchangeId == SliceJoin.CONNECTION_WORK) {
            connectionWorkBytes += weight;
            tallies = connectionWorkByProtocol;
            protocol = protocol.equals(Events.NONE) ? BEFORE_FIRST_EXCHANGE : protocol;
        }
        long[] tally = tallies.computeIfAbsent(protocol, p -> new HashMap<>()).computeIfAbsent(site, s -> new long[2]);
        tally[0] += weight;
        tally[1]++;
        if (site == OTHER) {
            overflowBytes += weight;
        }
    }

    @Override
    public void unclaimed(Sample sample) {
        count(sample.weight());
        unattributedSamples++;
        unattributedBytes += sample.weight();
        unattributedBytesByThread.merge(sample.thread(), sample.weight(), Long::sum);
    }

    /** {@code thread} ran a slice of some exchange. */
    void exchangeThread(long thread) {
        if (thread != lastExchangeThread || exchangeThreads.isEmpty()) { // slices come in runs per thread
            exchangeThreads.add(thread);
            lastExchangeThread = thread;
        }
    }

    private void count(long weight) {
        samples++;
        bytes += weight;
    }

    Map<String, Long> bytesByProtocol() {
        Map<String, Long> result = new TreeMap<>();
        byProtocol.forEach((protocol, sites) ->
                result.put(protocol, sites.values().stream().mapToLong(tally -> tally[0]).sum()));
        return result;
    }

    Map<Site, Long> bytesBySite(String protocol) {
        Map<Site, Long> result = new HashMap<>();
        byProtocol.getOrDefault(protocol, Map.of()).forEach((site, tally) -> result.put(site, tally[0]));
        return result;
    }

    /** The {@code limit} largest sites of each protocol's exchanges, then of each protocol's connection work. */
    List<AllocationSite> top(int limit, Map<String, Long> exchangesByProtocol) {
        List<AllocationSite> result = new ArrayList<>();
        top(byProtocol, AllocationSite.Work.EXCHANGE, limit, exchangesByProtocol, result);
        top(connectionWorkByProtocol, AllocationSite.Work.CONNECTION, limit, exchangesByProtocol, result);
        return result;
    }

    private static void top(Map<String, Map<Site, long[]>> tallies, AllocationSite.Work work, int limit,
                            Map<String, Long> exchangesByProtocol, List<AllocationSite> result) {
        tallies.forEach((protocol, sites) -> {
            double total = sites.values().stream().mapToLong(tally -> tally[0]).sum();
            long exchanges = exchangesByProtocol.getOrDefault(protocol, 0L);
            sites.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<Site, long[]> e) -> e.getValue()[0]).reversed())
                    .limit(limit)
                    .forEach(e -> {
                        long siteBytes = e.getValue()[0];
                        result.add(new AllocationSite(protocol, work, e.getKey().objectClass(), e.getKey().frames(),
                                siteBytes, e.getValue()[1], total == 0 ? 0 : siteBytes / total,
                                exchanges == 0 ? Double.NaN : (double) siteBytes / exchanges));
                    });
        });
    }

    SampleSummary summary() {
        long onExchangeThreads = unattributedBytesByThread.entrySet().stream()
                .filter(e -> exchangeThreads.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new SampleSummary(samples, bytes, connectionWorkBytes, unattributedSamples, unattributedBytes,
                onExchangeThreads, overflowBytes);
    }
}
