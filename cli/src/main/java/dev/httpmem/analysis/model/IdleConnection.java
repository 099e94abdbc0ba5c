package dev.httpmem.analysis.model;

import java.time.Duration;

/**
 * A connection open at the recording's last listing with no open exchange for a while: it outlived all its
 * exchanges ({@code age} since its first, {@code idle} since its last ended). {@code peer} is what the kernel said
 * of its peer ({@code connected}, {@code closed}, or {@code unknown} where the agent could not tell).
 */
public record IdleConnection(long connectionId, String stack, String protocol, Duration age, Duration idle,
                             long exchanges, String peer) {
    /** Idle this long with a peer nobody could see, a connection is suspect of a leak: say so, as suspect. */
    public static final Duration SUSPECT_AFTER = Duration.ofMinutes(1);

    /** Whether it may be leaked: its peer unknown and idle for long. */
    public boolean suspect() {
        return "unknown".equals(peer) && idle.compareTo(SUSPECT_AFTER) >= 0;
    }
}
