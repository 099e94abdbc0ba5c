package dev.httpmem.analysis.model;

import java.time.Duration;

/**
 * A connection leaked at the recording's last listing: its client has gone and the server still holds it
 * ({@code kind} says how the agent knows, e.g. {@code held-after-close}); {@code age} since its first exchange,
 * {@code leakedFor} since its client left, as of {@code listedNanos} (epoch), with the exchanges it carried and how
 * many of them failed.
 */
public record LeakedConnection(long connectionId, String stack, String protocol, String kind, Duration age,
                               Duration leakedFor, long exchanges, long failedExchanges, long listedNanos) {

    /** When its client left, as far as the agent knows (epoch nanos). */
    public long leakedSinceNanos() {
        return listedNanos - leakedFor.toNanos();
    }
}
