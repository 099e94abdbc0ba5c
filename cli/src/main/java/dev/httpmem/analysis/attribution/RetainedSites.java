package dev.httpmem.analysis.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Old-object samples of one recording, attributed to the protocol of the slice that was running on their
 * allocating thread at their allocation time. The JDK writes them at the end of the recording, after every
 * slice, so they are kept (a few thousand: the old-object queue's size) and joined in a second pass. When some
 * samples have a reference chain, those without one are garbage the JDK found no path to, and are left out.
 */
public final class RetainedSites implements SliceJoin.Claims<RetainedSites.Sample> {
    static final int MAX_SAMPLES = 100_000;
    /** Distinct root paths remembered per site; the rest still count toward the site. */
    private static final int MAX_PATHS = 32;

    private final String recording;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<RootPath, RootPath> paths = new HashMap<>();
    private long dropped;
    private long chained;
    private long unreachable;
    private long unattributed;

    /**
     * One sample: where and when it was allocated, on which thread, its size (-1 unknown), root path or null, and
     * once joined, the protocol of the exchange it was allocated for (null: outside every exchange).
     */
    public static final class Sample {
        final long thread;
        final long allocationNanos;
        final Site site;
        final long bytes;
        final RootPath rootPath;
        String protocol;
        /** The exchange it was allocated for, once claimed. */
        long exchangeId;

        Sample(long thread, long allocationNanos, Site site, long bytes, RootPath rootPath) {
            this.thread = thread;
            this.allocationNanos = allocationNanos;
            this.site = site;
            this.bytes = bytes;
            this.rootPath = rootPath;
        }
    }

    private record Key(String protocol, Site site) {
    }

    private static final class Tally {
        long samples;
        long bytes;
        /** By shape: how many, and the first path seen as the example. */
        final Map<String, PathTally> paths = new HashMap<>();
    }

    private static final class PathTally {
        final RootPath example;
        long samples;

        PathTally(RootPath example) {
            this.example = example;
        }
    }

    public RetainedSites(String recording) {
        this.recording = recording;
    }

    public void add(long thread, long allocationNanos, Site site, long bytes, RootPath rootPath) {
        if (samples.size() >= MAX_SAMPLES) {
            dropped++;
            return;
        }
        if (rootPath != null) {
            chained++;
            rootPath = paths.computeIfAbsent(rootPath, p -> p);
        }
        samples.add(new Sample(thread, allocationNanos, site, bytes, rootPath));
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Gives every kept sample to {@code join}, before the pass that streams the slices. */
    public void offer(SliceJoin<Sample> join) {
        for (Sample sample : samples) {
            if (sample.rootPath == null && chained > 0) {
                unreachable++;
            } else {
                join.sample(sample.thread, sample.allocationNanos, sample);
            }
        }
    }

    @Override
    public void claimed(Sample sample, String protocol, long exchangeId) {
        // Connection work keeps state every connection has, leaky or not: the retention evidence
        // stays with what exchanges allocated.
        if (exchangeId == SliceJoin.CONNECTION_WORK) {
            unattributed++;
            return;
        }
        sample.protocol = protocol;
        sample.exchangeId = exchangeId;
    }

    @Override
    public void unclaimed(Sample sample) {
        unattributed++;
    }

    /** Samples of live objects: all but those left out as unreachable. */
    public long samples() {
        return samples.size() + dropped - unreachable;
    }

    /** Samples without a reference chain while others have one: garbage not yet collected. */
    public long unreachable() {
        return unreachable;
    }

    /** Samples allocated outside every exchange's slices: startup, caches, the server's own threads. */
    public long unattributed() {
        return unattributed;
    }

    /** Sites of the samples allocated for exchanges, by samples, most first. */
    public List<RetainedSite> sites() {
        return tally(sample -> sample.protocol != null);
    }

    /** Sites of the samples allocated for {@code exchanges}. */
    public List<RetainedSite> sitesOfExchanges(Set<Long> exchanges) {
        return tally(sample -> sample.protocol != null && exchanges.contains(sample.exchangeId));
    }

    /**
     * Sites of the live samples allocated from {@code startNanos} to {@code endNanos}, for an exchange or not
     * (protocol null), by samples, most first.
     */
    public List<RetainedSite> sitesAllocatedBetween(long startNanos, long endNanos) {
        return tally(sample -> (sample.rootPath != null || chained == 0)
                && sample.allocationNanos >= startNanos && sample.allocationNanos <= endNanos);
    }

    /**
     * The reference chains of the live samples allocated outside every exchange, by shape (array slots aside),
     * most samples first, each with its {@code sitesPerPath} commonest sites.
     */
    public List<RetainedPath> pathsOutsideExchanges(int sitesPerPath) {
        Map<String, List<Sample>> byShape = new HashMap<>();
        for (Sample sample : samples) {
            if (sample.protocol == null && sample.rootPath != null) {
                byShape.computeIfAbsent(sample.rootPath.shape(), shape -> new ArrayList<>()).add(sample);
            }
        }
        List<Map.Entry<String, List<Sample>>> shapes = new ArrayList<>(byShape.entrySet());
        // Most samples first; of as many, a chain through a static field, then one from a lasting root (outside
        // threads) before one from a thread's, which may hold its objects for a moment, then the most bytes: beside a
        // busy loop the leak of UninstrumentedStackIT had 2 live samples, as had a thread's ThreadLocal map, which
        // led by name.
        shapes.sort(Comparator.comparingInt((Map.Entry<String, List<Sample>> e) -> -e.getValue().size())
                .thenComparing(e -> !e.getValue().get(0).rootPath.throughStaticField())
                .thenComparing(e -> !e.getValue().get(0).rootPath.lasting())
                .thenComparingLong(e -> -bytes(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<RetainedPath> result = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> shape : shapes) {
            List<Sample> shared = shape.getValue();
            List<RetainedSite> sites = tally(shared);
            result.add(new RetainedPath(recording, shared.get(0).rootPath.text(), shape.getKey(), shared.size(),
                    bytes(shared), sites.subList(0, Math.min(sitesPerPath, sites.size()))));
        }
        return result;
    }

    /** The samples' bytes, or -1 when the JDK did not record one's size (before JDK 22). */
    private static long bytes(List<Sample> samples) {
        return samples.stream().mapToLong(sample -> sample.bytes).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
    }

    private List<RetainedSite> tally(Predicate<Sample> filter) {
        return tally(samples.stream().filter(filter).toList());
    }

    private List<RetainedSite> tally(List<Sample> selected) {
        Map<Key, Tally> sites = new HashMap<>();
        for (Sample sample : selected) {
            Tally tally = sites.computeIfAbsent(new Key(sample.protocol, sample.site), k -> new Tally());
            tally.samples++;
            tally.bytes = sample.bytes < 0 || tally.bytes < 0 ? -1 : tally.bytes + sample.bytes;
            RootPath path = sample.rootPath == null ? RootPath.NONE : sample.rootPath;
            if (tally.paths.size() < MAX_PATHS || tally.paths.containsKey(path.shape())) {
                tally.paths.computeIfAbsent(path.shape(), shape -> new PathTally(path)).samples++;
            }
        }
        List<RetainedSite> result = new ArrayList<>();
        sites.forEach((key, tally) -> {
            // A path from a lasting root explains the retention; one from a thread's root may be a moment's hold.
            PathTally path = tally.paths.entrySet().stream()
                    .max(Comparator.comparing((Map.Entry<String, PathTally> e) -> e.getValue().example.lasting())
                            .thenComparingLong(e -> e.getValue().samples)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getValue();
            result.add(new RetainedSite(recording, key.protocol(), key.site().objectClass(), key.site().frames(),
                    tally.samples, tally.bytes, path.example.text(), path.samples));
        });
        result.sort(Comparator.comparingLong(RetainedSite::samples).reversed()
                .thenComparing(RetainedSite::protocol, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(RetainedSite::site));
        return result;
    }
}
