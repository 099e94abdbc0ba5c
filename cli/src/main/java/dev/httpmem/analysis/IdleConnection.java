package dev.httpmem.analysis;

import java.time.Duration;

/**
 * A connection open at the recording's last listing with no open exchange for a while: it outlived all its
 * exchanges ({@code age} since its first, {@code idle} since its last ended).
 */
public record IdleConnection(long connectionId, String stack, String protocol, Duration age, Duration idle,
                             long exchanges) {
}
