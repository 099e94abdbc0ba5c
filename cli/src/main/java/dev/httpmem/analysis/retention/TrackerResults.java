package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.PositionalEvents;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last batch of {@code httpmem.Retention} events. The agent writes one batch after each GC, right after that
 * GC's {@code httpmem.HeapCheckpoint} and leaving out zero counts, so a checkpoint starts a new batch: an older
 * count that has since dropped to zero must not linger.
 */
public final class TrackerResults {
    private final String recording;
    /** By protocol, object type and connection state; without checkpoints, the latest count of each. */
    private final Map<List<Object>, TrackerCount> batch = new HashMap<>();
    private long checkpointNanos = Long.MIN_VALUE;
    private long batchNanos = Long.MIN_VALUE;

    public TrackerResults(String recording) {
        this.recording = recording;
    }

    public void checkpoint(long timeNanos) {
        checkpointNanos = Math.max(checkpointNanos, timeNanos);
    }

    /** One {@code httpmem.Retention} event, read by position as {@link PositionalEvents#RETENTION}. */
    public void retention(ChunkEvents.Event event) {
        if (checkpointNanos > batchNanos) {
            batch.clear();
            batchNanos = checkpointNanos;
        }
        TrackerCount count = new TrackerCount(recording, PositionalEvents.text(event, PositionalEvents.RETENTION_PROTOCOL),
                PositionalEvents.text(event, PositionalEvents.RETENTION_OBJECT_TYPE),
                event.flag(PositionalEvents.RETENTION_CONNECTION_OPEN, false),
                event.number(PositionalEvents.RETENTION_RETAINED), event.number(PositionalEvents.RETENTION_TRACKED),
                (int) event.number(PositionalEvents.RETENTION_SAMPLING));
        batch.put(List.of(count.protocol(), count.objectType(), count.connectionOpen()), count);
    }

    public List<TrackerCount> counts() {
        return batch.values().stream()
                .sorted(Comparator.comparing(TrackerCount::protocol).thenComparing(TrackerCount::retained,
                        Comparator.reverseOrder()).thenComparing(TrackerCount::objectType))
                .toList();
    }
}
