package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.AllocationSite;
import dev.httpmem.analysis.attribution.SampleSummary;
import dev.httpmem.analysis.read.RecordingInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Allocation per protocol, endpoint and allocation site of one recording, and the exchanges still open at its
 * end, what share of the JVM's allocation it attributed, the connections that outlived all their exchanges and those held after their clients left. Protocols are
 * sorted by name, endpoints by protocol then allocated bytes (largest first), sites by protocol then bytes, open
 * exchanges oldest first, idle connections longest idle first, leaked connections longest leaked first; and how
 * many exchanges each stack saw; and, where an HTML page asked for them, the whole stacks of its samples that its
 * flame graphs draw ({@link FlameStacks#NONE} otherwise).
 */
public record Report(
        RecordingInfo recording,
        List<ProtocolStats> protocols,
        List<EndpointStats> endpoints,
        List<AllocationSite> allocationSites,
        SampleSummary samples,
        Optional<AttributedAllocation> attributed,
        Optional<AgentHealth> agent,
        List<OpenExchange> openExchanges,
        List<IdleConnection> idleConnections,
        List<LeakedConnection> leakedConnections,
        Map<String, Long> exchangesByStack,
        FlameStacks flameStacks) {
    /** The stack name of exchanges the servlet fallback saw: the servlets' work only. */
    public static final String SERVLET_FALLBACK = "servlet";

    public Report {
        exchangesByStack = Map.copyOf(exchangesByStack);
        leakedConnections = List.copyOf(leakedConnections);
        openExchanges = List.copyOf(openExchanges);
        idleConnections = List.copyOf(idleConnections);
        protocols = List.copyOf(protocols);
        endpoints = List.copyOf(endpoints);
        allocationSites = List.copyOf(allocationSites);
    }
}
