package dev.httpmem.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The agent lists its oldest open exchanges in one burst of httpmem.OpenExchange events at every checkpoint;
 * the latest burst is the state at the end of the recording.
 */
final class OpenExchangeListing {
    /** Events of one burst are committed within this of each other; a later event starts a new listing. */
    private static final Duration BURST = Duration.ofMillis(500);
    /** The agent lists at most 100 per burst. */
    private static final int MAX_LISTED = 100;

    private final List<OpenExchange> latest = new ArrayList<>();
    private Instant burstStart = Instant.MIN;

    void add(RecordedEvent event) {
        Instant time = event.getEndTime();
        if (time.isAfter(burstStart.plus(BURST))) {
            latest.clear();
            burstStart = time;
        }
        if (latest.size() < MAX_LISTED) {
            latest.add(new OpenExchange(event.getLong("exchangeId"), event.getDuration("age"),
                    event.getString("stack"), event.getString("protocol"), event.getLong("connectionId"),
                    event.getLong("streamId"), event.getString("method"), event.getString("path")));
        }
    }

    /** Oldest first. */
    List<OpenExchange> oldestFirst() {
        List<OpenExchange> sorted = new ArrayList<>(latest);
        sorted.sort(Comparator.comparing(OpenExchange::age).reversed());
        return sorted;
    }
}
