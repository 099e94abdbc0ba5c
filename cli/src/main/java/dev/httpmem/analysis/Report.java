package dev.httpmem.analysis;

import java.util.List;
import java.util.Optional;

/**
 * Allocation per protocol, endpoint and allocation site of one recording. Protocols are sorted by name,
 * endpoints by protocol then allocated bytes (largest first), sites by protocol then bytes.
 */
public record Report(
        RecordingInfo recording,
        List<ProtocolStats> protocols,
        List<EndpointStats> endpoints,
        List<AllocationSite> allocationSites,
        SampleSummary samples,
        Optional<AgentHealth> agent) {

    public Report {
        protocols = List.copyOf(protocols);
        endpoints = List.copyOf(endpoints);
        allocationSites = List.copyOf(allocationSites);
    }

    public String toJson() {
        return ReportJson.toJson(this);
    }
}
