package dev.httpmem.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Attributes samples (allocation samples, old-object samples) to the innermost slice containing them on the
 * same thread.
 * <p>
 * The ordered stream sorts by end time, and a slice ends (is committed) after the samples taken inside it,
 * so samples wait here until a slice claims them. Nested slices end before their parents, so the first
 * slice to claim a sample is the innermost. A sample no slice claims within the horizon, or pushed out by
 * more than the maximum of newer ones, is unclaimed. Samples known before the pass (old-object samples, which
 * the JDK writes at the end of a recording) wait with no horizon: {@link #holdingAll}.
 */
final class SliceJoin<T> {
    /** What claims are told for the exchange id of a connection's slice: work for a connection outside its exchanges. */
    static final long CONNECTION_WORK = -1;
    /** The kind of a connection's slice. */
    private static final String CONNECTION_KIND = "connection";
    static final long HORIZON_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final int MAX_PENDING = 200_000;
    private static final int MIN_COMPACTION = 64;

    /**
     * Told, once per sample, where it went: to the slice of which protocol's exchange, or to a connection's
     * ({@link #CONNECTION_WORK}; its protocol null before the connection's first exchange).
     */
    interface Claims<T> {
        void claimed(T sample, String protocol, long exchangeId);

        void unclaimed(T sample);
    }

    private final Claims<T> claims;
    private final long horizonNanos;
    private final int maxPending;
    private final Map<Long, ThreadSamples<T>> threads = new HashMap<>();
    private final ArrayDeque<Pending<T>> arrivals = new ArrayDeque<>();

    private SliceJoin(Claims<T> claims, long horizonNanos, int maxPending) {
        this.claims = claims;
        this.horizonNanos = horizonNanos;
        this.maxPending = maxPending;
    }

    /** For samples streamed with the slices. */
    static <T> SliceJoin<T> streaming(Claims<T> claims) {
        return new SliceJoin<>(claims, HORIZON_NANOS, MAX_PENDING);
    }

    /** For samples all given before the slices are streamed. */
    static <T> SliceJoin<T> holdingAll(Claims<T> claims) {
        return new SliceJoin<>(claims, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    void sample(long thread, long timeNanos, T sample) {
        ThreadSamples<T> samples = threads.computeIfAbsent(thread, ThreadSamples::new);
        Pending<T> pending = new Pending<>(samples, timeNanos, sample);
        samples.insert(pending);
        arrivals.add(pending);
        while (arrivals.size() > maxPending || arrivals.peek().timeNanos < timeNanos - horizonNanos) {
            expire(arrivals.poll());
        }
    }

    /** Lets an {@code httpmem.Slice} event claim the samples of its thread and time. */
    void slice(RecordedEvent slice) {
        Long thread = Events.threadKey(slice);
        if (thread != null) {
            slice(thread, Events.nanos(slice.getStartTime()), Events.nanos(slice.getEndTime()),
                    Events.text(slice, "protocol"),
                    CONNECTION_KIND.equals(slice.getString("kind")) ? CONNECTION_WORK : slice.getLong("exchangeId"));
        }
    }

    void slice(long thread, long startNanos, long endNanos, String protocol, long exchangeId) {
        ThreadSamples<T> samples = threads.get(thread);
        if (samples == null) {
            return;
        }
        List<Pending<T>> list = samples.list;
        for (int i = samples.firstAtOrAfter(startNanos); i < list.size() && list.get(i).timeNanos <= endNanos; i++) {
            Pending<T> pending = list.get(i);
            if (!pending.done) {
                pending.done = true;
                claims.claimed(pending.sample, protocol, exchangeId);
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

    private void expire(Pending<T> pending) {
        if (!pending.done) {
            pending.done = true;
            claims.unclaimed(pending.sample);
            pending.owner.dead++;
            compact(pending.owner);
        }
    }

    private void compact(ThreadSamples<T> samples) {
        if (samples.dead == samples.list.size()) {
            samples.list.clear();
            samples.dead = 0;
            threads.remove(samples.thread);
        } else if (samples.dead > MIN_COMPACTION && 2 * samples.dead > samples.list.size()) {
            samples.list.removeIf(p -> p.done);
            samples.dead = 0;
        }
    }

    private static final class Pending<T> {
        final ThreadSamples<T> owner;
        final long timeNanos;
        final T sample;
        boolean done;

        Pending(ThreadSamples<T> owner, long timeNanos, T sample) {
            this.owner = owner;
            this.timeNanos = timeNanos;
            this.sample = sample;
        }
    }

    /** One thread's waiting samples, sorted by time; claimed ones are removed in batches. */
    private static final class ThreadSamples<T> {
        final long thread;
        final List<Pending<T>> list = new ArrayList<>();
        int dead;

        ThreadSamples(long thread) {
            this.thread = thread;
        }

        void insert(Pending<T> pending) {
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
