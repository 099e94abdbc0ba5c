package dev.httpmem.analysis.model;

import dev.httpmem.analysis.retention.Estimate;

/**
 * One protocol in a {@link LiveSnapshot}: its exchanges in the last interval and since the watch began, and
 * the heap retained per exchange as far as heap checkpoints tell so far ({@link Estimate#NONE} until they do),
 * fitted as {@code httpmem diff} fits a recording.
 */
public record LiveProtocol(
        String protocol,
        long intervalExchanges,
        double exchangesPerSecond,
        ExchangeStats total,
        Estimate retainedBytesPerExchange) {
}
