package dev.httpmem.analysis;

import java.util.Optional;

/**
 * One protocol in a {@link LiveSnapshot}: its exchanges in the last interval and since the watch began, and
 * the heap retained per exchange as far as heap checkpoints tell so far.
 */
public record LiveProtocol(
        String protocol,
        long intervalExchanges,
        double exchangesPerSecond,
        ExchangeStats total,
        Optional<Slope> retainedBytesPerExchange) {
}
