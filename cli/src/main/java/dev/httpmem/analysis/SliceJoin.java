package dev.httpmem.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Attributes allocation samples to the innermost slice containing them on the same thread.
 * <p>
 * The ordered stream sorts by end time, and a slice ends (is committed) after the samples taken inside it,
 * so samples wait here until a slice claims them. Nested slices end before their parents, so the first
 * slice to claim a sample is the innermost. A sample no slice claims within {@link #HORIZON_NANOS}, or
 * pushed out by {@link #MAX_PENDING} newer ones, is unattributed.
 */
final class SliceJoin {
    static final long HORIZON_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final int MAX_PENDING = 200_000;
    private static final int MIN_COMPACTION = 64;

    private final SiteTable sites;
    private final Map<Long, ThreadSamples> threads = new HashMap<>();
    private final ArrayDeque<Pending> arrivals = new ArrayDeque<>();

    SliceJoin(SiteTable sites) {
        this.sites = sites;
    }

    void sample(long thread, long timeNanos, Site site, long weight) {
        ThreadSamples samples = threads.computeIfAbsent(thread, ThreadSamples::new);
        Pending pending = new Pending(samples, timeNanos, site, weight);
        samples.insert(pending);
        arrivals.add(pending);
        while (arrivals.size() > MAX_PENDING || arrivals.peek().timeNanos < timeNanos - HORIZON_NANOS) {
            expire(arrivals.poll());
        }
    }

    void slice(long thread, long startNanos, long endNanos, String protocol) {
        ThreadSamples samples = threads.get(thread);
        if (samples == null) {
            return;
        }
        List<Pending> list = samples.list;
        for (int i = samples.firstAtOrAfter(startNanos); i < list.size() && list.get(i).timeNanos <= endNanos; i++) {
            Pending pending = list.get(i);
            if (!pending.done) {
                pending.done = true;
                sites.attribute(pending.site, protocol, pending.weight);
                samples.dead++;
            }
        }
        compact(samples);
    }

    /** Ends the join: samples still waiting were outside every slice. */
    void finish() {
        while (!arrivals.isEmpty()) {
            expire(arrivals.poll());
        }
    }

    private void expire(Pending pending) {
        if (!pending.done) {
            pending.done = true;
            sites.unattributed(pending.weight);
            pending.owner.dead++;
            compact(pending.owner);
        }
    }

    private void compact(ThreadSamples samples) {
        if (samples.dead == samples.list.size()) {
            samples.list.clear();
            samples.dead = 0;
            threads.remove(samples.thread);
        } else if (samples.dead > MIN_COMPACTION && 2 * samples.dead > samples.list.size()) {
            samples.list.removeIf(p -> p.done);
            samples.dead = 0;
        }
    }

    private static final class Pending {
        final ThreadSamples owner;
        final long timeNanos;
        final Site site;
        final long weight;
        boolean done;

        Pending(ThreadSamples owner, long timeNanos, Site site, long weight) {
            this.owner = owner;
            this.timeNanos = timeNanos;
            this.site = site;
            this.weight = weight;
        }
    }

    /** One thread's waiting samples, sorted by time; claimed ones are removed in batches. */
    private static final class ThreadSamples {
        final long thread;
        final List<Pending> list = new ArrayList<>();
        int dead;

        ThreadSamples(long thread) {
            this.thread = thread;
        }

        void insert(Pending pending) {
            int size = list.size();
            if (size == 0 || list.get(size - 1).timeNanos <= pending.timeNanos) {
                list.add(pending);
            } else {
                list.add(firstAtOrAfter(pending.timeNanos + 1), pending);
            }
        }

        int firstAtOrAfter(long timeNanos) {
            int low = 0;
            int high = list.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (list.get(mid).timeNanos < timeNanos) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
