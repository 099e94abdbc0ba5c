package dev.httpmem.analysis.model;

/** One protocol's exchanges, and the allocation-sample weight attributed to its slices. */
public record ProtocolStats(String protocol, ExchangeStats exchanges, long sampledBytes) {
}
