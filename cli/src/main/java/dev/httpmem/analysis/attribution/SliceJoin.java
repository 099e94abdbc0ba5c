package dev.httpmem.analysis.attribution;

import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ExchangeRole;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.schema.SliceFields;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Attributes samples (allocation samples, old-object samples) to the innermost slice containing them on the
 * same thread.
 * <p>
 * Recordings are read in file order, which sorts nothing: at every flush (once a second) JFR writes what each
 * thread committed since the last, threads and their Java and native events in no set order. An event is written
 * by the first flush after its commit, and a slice is committed after the samples taken inside it, so a sample is
 * never written in a later flush segment than a slice containing it. Samples wait here for their slices, and the
 * current segment's slices wait for samples written after them in it. A sample keeps the innermost containing
 * slice seen so far (the one that began last), and is claimed by it at the end of the segment ({@link #flush}): a
 * slice nested in another ends first, so it is written no later. A sample no slice claims within the horizon, or
 * pushed out by more than the maximum of newer ones, is unclaimed. Samples known before the pass (old-object
 * samples, which the JDK writes at the end of a recording) wait with no horizon: {@link #holdingAll}.
 */
public final class SliceJoin<T> {
    /** What claims are told for the exchange id of a connection's slice: work for a connection outside its exchanges. */
    static final long CONNECTION_WORK = -1;
    /** A pending sample's exchange id before it found a slice. */
    private static final long NO_SLICE = Long.MIN_VALUE;
    /** The kind of a connection's slice. */
    private static final String CONNECTION_KIND = "connection";
    static final long HORIZON_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final int MAX_PENDING = 200_000;
    private static final int MAX_SEGMENT_SLICES = 1 << 20;
    private static final int MIN_COMPACTION = 64;

    /**
     * Told, once per sample, where it went: to the slice of which protocol's exchange, or to a connection's
     * ({@link #CONNECTION_WORK}; its protocol null before the connection's first exchange).
     */
    public interface Claims<T> {
        void claimed(T sample, String protocol, long exchangeId);

        void unclaimed(T sample);
    }

    private final Claims<T> claims;
    private final long horizonNanos;
    private final int maxPending;
    /**
     * Whether every sample comes before the slices ({@link #givenFirst}): then no slice need be kept for samples
     * to come, and a slice of a thread without samples has nothing to claim.
     */
    private final boolean samplesFirst;
    private boolean slicesSeen;
    private final Map<Long, ThreadSamples<T>> threads = new HashMap<>();
    private final ArrayDeque<Pending<T>> arrivals = new ArrayDeque<>();
    /** The current flush segment's slices, by thread. */
    private final Map<Long, SegmentSlices> segment = new HashMap<>();
    /** Samples that found a slice in the current segment, claimed at its end. */
    private final List<Pending<T>> found = new ArrayList<>();
    /** The thread of the last slice and its segment slices: a thread's slices come in runs, as JFR wrote its buffer. */
    private long lastThread;
    private SegmentSlices lastSegmentSlices;

    private SliceJoin(Claims<T> claims, long horizonNanos, int maxPending, boolean samplesFirst) {
        this.claims = claims;
        this.horizonNanos = horizonNanos;
        this.maxPending = maxPending;
        this.samplesFirst = samplesFirst;
    }

    /** For samples streamed with the slices. */
    static <T> SliceJoin<T> streaming(Claims<T> claims) {
        return new SliceJoin<>(claims, HORIZON_NANOS, MAX_PENDING, false);
    }

    /** For samples that wait with no horizon: some given before the slices are streamed, others with them. */
    public static <T> SliceJoin<T> holdingAll(Claims<T> claims) {
        return new SliceJoin<>(claims, Long.MAX_VALUE, Integer.MAX_VALUE, false);
    }

    /**
     * For samples all given before the slices are streamed: the slices are then only matched against them, not
     * kept (diff's 101 old-object samples against a recording's 1.3 million slices).
     */
    public static <T> SliceJoin<T> givenFirst(Claims<T> claims) {
        return new SliceJoin<>(claims, Long.MAX_VALUE, Integer.MAX_VALUE, true);
    }

    void sample(long thread, long timeNanos, T sample) {
        if (samplesFirst && slicesSeen) {
            throw new IllegalStateException("a join given its samples first took one after slices");
        }
        ThreadSamples<T> samples = threads.computeIfAbsent(thread, ThreadSamples::new);
        Pending<T> pending = new Pending<>(samples, timeNanos, sample);
        samples.insert(pending);
        arrivals.add(pending);
        SegmentSlices slices = segment.get(thread);
        if (slices != null) {
            for (int block = 0; block * SegmentSlices.BLOCK < slices.size; block++) {
                if (slices.blockStarts[block] > timeNanos || timeNanos > slices.blockEnds[block]) {
                    continue;
                }
                int end = Math.min(slices.size, (block + 1) * SegmentSlices.BLOCK);
                for (int i = block * SegmentSlices.BLOCK; i < end; i++) {
                    if (slices.starts[i] <= timeNanos && timeNanos <= slices.ends[i]) {
                        offer(pending, slices.starts[i], slices.ends[i], slices.protocols[i], slices.exchangeIds[i]);
                    }
                }
            }
        }
        while (arrivals.size() > maxPending || arrivals.peek().timeNanos < timeNanos - horizonNanos) {
            settle(arrivals.poll());
        }
    }

    /** Lets an {@code httpmem.Slice} event, run on {@code thread} ({@link Events#threadKey}), claim samples. */
    public void slice(long thread, RecordedEvent slice) {
        if (nothingToClaim(thread)) {
            return;
        }
        slice(thread, Events.nanos(slice.getStartTime()), Events.nanos(slice.getEndTime()),
                ExchangeRole.protocolKey(Events.SLICE_ROLE.text(slice), Events.text(slice, SliceFields.PROTOCOL)),
                CONNECTION_KIND.equals(slice.getString(SliceFields.KIND))
                        ? CONNECTION_WORK : slice.getLong(SliceFields.EXCHANGE_ID));
    }

    /** Lets an {@code httpmem.Slice} read by position ({@link PositionalEvents#SLICE}) claim samples. */
    public void slice(long thread, ChunkEvents.Event slice) {
        if (nothingToClaim(thread)) {
            return;
        }
        slice(thread, slice.startNanos(), slice.endNanos(),
                PositionalEvents.protocolKey(slice, PositionalEvents.SLICE_PROTOCOL, PositionalEvents.SLICE_ROLE),
                CONNECTION_KIND.equals(slice.text(PositionalEvents.SLICE_KIND)) ? CONNECTION_WORK
                        : slice.number(PositionalEvents.SLICE_EXCHANGE));
    }

    /** Whether a slice of {@code thread} can claim nothing, now or later: its samples all came first, and none on it. */
    private boolean nothingToClaim(long thread) {
        slicesSeen = true;
        return samplesFirst && !threads.containsKey(thread);
    }

    void slice(long thread, long startNanos, long endNanos, String protocol, long exchangeId) {
        slicesSeen = true;
        if (!samplesFirst) {
            segmentSlices(thread).add(startNanos, endNanos, protocol, exchangeId);
        }
        ThreadSamples<T> samples = threads.get(thread);
        if (samples == null) {
            return;
        }
        List<Pending<T>> list = samples.list;
        for (int i = samples.firstAtOrAfter(startNanos); i < list.size() && list.get(i).timeNanos <= endNanos; i++) {
            Pending<T> pending = list.get(i);
            if (!pending.done) {
                offer(pending, startNanos, endNanos, protocol, exchangeId);
            }
        }
    }

    /** Makes the slice {@code pending}'s candidate if it is the first found or nested in the one found before. */
    private void offer(Pending<T> pending, long startNanos, long endNanos, String protocol, long exchangeId) {
        if (pending.exchangeId == NO_SLICE) {
            found.add(pending);
        } else if (startNanos < pending.sliceStart || (startNanos == pending.sliceStart && endNanos >= pending.sliceEnd)) {
            return;
        }
        pending.sliceStart = startNanos;
        pending.sliceEnd = endNanos;
        pending.protocol = protocol;
        pending.exchangeId = exchangeId;
    }

    private SegmentSlices segmentSlices(long thread) {
        if (lastSegmentSlices == null || thread != lastThread) {
            lastThread = thread;
            lastSegmentSlices = segment.computeIfAbsent(thread, t -> new SegmentSlices());
        }
        return lastSegmentSlices;
    }

    /** The end of a flush segment: each sample that found a slice is claimed by the innermost. */
    public void flush() {
        for (Pending<T> pending : found) {
            settle(pending);
        }
        found.clear();
        segment.clear();
        lastSegmentSlices = null;
    }

    /** Ends the join: samples still waiting were outside every slice. */
    public void finish() {
        flush();
        while (!arrivals.isEmpty()) {
            settle(arrivals.poll());
        }
    }

    /** Claims {@code pending} for the slice it found, if any; else it is unclaimed. */
    private void settle(Pending<T> pending) {
        if (!pending.done) {
            pending.done = true;
            if (pending.exchangeId == NO_SLICE) {
                claims.unclaimed(pending.sample);
            } else {
                claims.claimed(pending.sample, pending.protocol, pending.exchangeId);
            }
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
        /** The innermost slice found containing it: its span, protocol and exchange ({@link #NO_SLICE} before). */
        long sliceStart;
        long sliceEnd;
        String protocol;
        long exchangeId = NO_SLICE;

        Pending(ThreadSamples<T> owner, long timeNanos, T sample) {
            this.owner = owner;
            this.timeNanos = timeNanos;
            this.sample = sample;
        }
    }

    /**
     * One thread's slices in the current flush segment, in the order they were read, and the span of each block of
     * {@link #BLOCK} of them. Read by position, a segment is a chunk: a server thread's 10,000 slices and more, which
     * every sample read after them looked at one by one (a sixth of report's handling). The order they are read in
     * follows time closely, not strictly (the agent writes an exchange's slices as it ends), so a sample finds the
     * few blocks whose span holds it.
     */
    private static final class SegmentSlices {
        static final int BLOCK = 64;
        long[] starts = new long[BLOCK];
        long[] ends = new long[BLOCK];
        String[] protocols = new String[BLOCK];
        long[] exchangeIds = new long[BLOCK];
        /** Each block's earliest start and latest end. */
        long[] blockStarts = new long[1];
        long[] blockEnds = new long[1];
        int size;

        void add(long start, long end, String protocol, long exchangeId) {
            if (size == MAX_SEGMENT_SLICES) {
                size = 0; // a file without flushes: its samples come long after such slices, if at all
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, 2 * size);
                ends = Arrays.copyOf(ends, 2 * size);
                protocols = Arrays.copyOf(protocols, 2 * size);
                exchangeIds = Arrays.copyOf(exchangeIds, 2 * size);
                blockStarts = Arrays.copyOf(blockStarts, 2 * size / BLOCK);
                blockEnds = Arrays.copyOf(blockEnds, 2 * size / BLOCK);
            }
            int block = size / BLOCK;
            if (size % BLOCK == 0) {
                blockStarts[block] = start;
                blockEnds[block] = end;
            } else {
                blockStarts[block] = Math.min(blockStarts[block], start);
                blockEnds[block] = Math.max(blockEnds[block], end);
            }
            starts[size] = start;
            ends[size] = end;
            protocols[size] = protocol;
            exchangeIds[size] = exchangeId;
            size++;
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
