package dev.httpmem.analysis.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * The agent lists what it watches (its oldest open exchanges, its longest idle connections) at every checkpoint
 * and chunk boundary, numbering each listing; the checkpoint and statistics events carry the number too, so an
 * empty listing is seen. The latest listing is the state at the end of the recording.
 */
public final class LatestListing<T> {
    private final Function<ChunkEvents.Event, T> entry;
    private final Comparator<T> order;
    private final LongPredicate kept;
    private final List<T> latest = new ArrayList<>();
    private long latestNumber = Long.MIN_VALUE;

    /** @param order how {@link #sorted} orders the entries */
    public LatestListing(Function<ChunkEvents.Event, T> entry, Comparator<T> order) {
        this(entry, order, number -> true);
    }

    /** @param kept which listings, by number, count: the others are ignored, as if never made */
    public LatestListing(Function<ChunkEvents.Event, T> entry, Comparator<T> order, LongPredicate kept) {
        this.entry = entry;
        this.order = order;
        this.kept = kept;
    }

    /** An event announcing listing {@code number} (a heap checkpoint, agent statistics), which may list nothing. */
    public void announced(long number) {
        if (number > latestNumber && kept.test(number)) {
            latest.clear();
            latestNumber = number;
        }
    }

    /** An entry, of the listing its listing field ({@link PositionalEvents#LISTING}) names. */
    public void add(ChunkEvents.Event event) {
        long number = event.number(PositionalEvents.LISTING);
        if (!kept.test(number)) {
            return;
        }
        announced(number);
        if (number == latestNumber) {
            latest.add(entry.apply(event));
        }
    }

    public List<T> sorted() {
        List<T> sorted = new ArrayList<>(latest);
        sorted.sort(order);
        return sorted;
    }
}
