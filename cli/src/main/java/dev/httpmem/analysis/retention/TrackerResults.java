package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.read.Events;
import dev.httpmem.schema.RetentionFields;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;

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

    public void retention(RecordedEvent event) {
        if (checkpointNanos > batchNanos) {
            batch.clear();
            batchNanos = checkpointNanos;
        }
        TrackerCount count = new TrackerCount(recording, Events.text(event, RetentionFields.PROTOCOL),
                Events.text(event, RetentionFields.OBJECT_TYPE), event.getBoolean(RetentionFields.CONNECTION_OPEN),
                        event.getLong(RetentionFields.RETAINED),
                event.getLong(RetentionFields.TRACKED_EXCHANGES), event.getInt(RetentionFields.SAMPLING));
        batch.put(List.of(count.protocol(), count.objectType(), count.connectionOpen()), count);
    }

    public List<TrackerCount> counts() {
        return batch.values().stream()
                .sorted(Comparator.comparing(TrackerCount::protocol).thenComparing(TrackerCount::retained,
                        Comparator.reverseOrder()).thenComparing(TrackerCount::objectType))
                .toList();
    }
}
