package dev.httpmem.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Old-object samples of one recording, attributed to the protocol of the slice that was running on their
 * allocating thread at their allocation time. The JDK writes them at the end of the recording, after every
 * slice, so they are kept (a few thousand: the old-object queue's size) and joined in a second pass.
 */
final class RetainedSites implements SliceJoin.Claims<RetainedSites.Sample> {
    static final int MAX_SAMPLES = 100_000;
    /** Distinct root paths remembered per site; the rest still count toward the site. */
    private static final int MAX_PATHS = 32;

    private final String recording;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> paths = new HashMap<>();
    private final Map<Key, Tally> sites = new HashMap<>();
    private long dropped;
    private long unattributed;

    /** One sample: where and when it was allocated, on which thread, its size (-1 unknown) and root path. */
    record Sample(long thread, long allocationNanos, Site site, long bytes, String rootPath) {
    }

    private record Key(String protocol, Site site) {
    }

    private static final class Tally {
        long samples;
        long bytes;
        final Map<String, long[]> paths = new HashMap<>();
    }

    RetainedSites(String recording) {
        this.recording = recording;
    }

    void add(long thread, long allocationNanos, Site site, long bytes, String rootPath) {
        if (samples.size() >= MAX_SAMPLES) {
            dropped++;
            return;
        }
        samples.add(new Sample(thread, allocationNanos, site, bytes, paths.computeIfAbsent(rootPath, p -> p)));
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Gives every kept sample to {@code join}, before the pass that streams the slices. */
    void offer(SliceJoin<Sample> join) {
        for (Sample sample : samples) {
            join.sample(sample.thread(), sample.allocationNanos(), sample);
        }
    }

    @Override
    public void claimed(Sample sample, String protocol) {
        Tally tally = sites.computeIfAbsent(new Key(protocol, sample.site()), k -> new Tally());
        tally.samples++;
        tally.bytes = sample.bytes() < 0 || tally.bytes < 0 ? -1 : tally.bytes + sample.bytes();
        if (tally.paths.size() < MAX_PATHS || tally.paths.containsKey(sample.rootPath())) {
            tally.paths.computeIfAbsent(sample.rootPath(), p -> new long[1])[0]++;
        }
    }

    @Override
    public void unclaimed(Sample sample) {
        unattributed++;
    }

    long samples() {
        return samples.size() + dropped;
    }

    /** Samples allocated outside every exchange's slices: startup, caches, the server's own threads. */
    long unattributed() {
        return unattributed;
    }

    /** Sites by samples, most first. */
    List<RetainedSite> sites() {
        List<RetainedSite> result = new ArrayList<>();
        sites.forEach((key, tally) -> {
            Map.Entry<String, long[]> path = tally.paths.entrySet().stream()
                    .max(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow();
            result.add(new RetainedSite(recording, key.protocol(), key.site().objectClass(), key.site().frames(),
                    tally.samples, tally.bytes, path.getKey(), path.getValue()[0]));
        });
        result.sort(Comparator.comparingLong(RetainedSite::samples).reversed()
                .thenComparing(RetainedSite::protocol)
                .thenComparing(RetainedSite::site));
        return result;
    }
}
