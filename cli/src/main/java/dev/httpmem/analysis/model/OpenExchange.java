package dev.httpmem.analysis.model;

import java.time.Duration;

/** An exchange still open at the recording's last listing: a handler that never completed, a wedged connection. */
public record OpenExchange(long exchangeId, Duration age, String stack, String protocol, long connectionId,
                           long streamId, String method, String path) {
}
