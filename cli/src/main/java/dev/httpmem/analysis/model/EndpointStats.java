package dev.httpmem.analysis.model;

/** Exchanges of one protocol, method and path; {@link #OTHER} collects endpoints beyond the report's limit. */
public record EndpointStats(String protocol, String method, String path, ExchangeStats exchanges) {

    public static final String OTHER = "(other)";
}
