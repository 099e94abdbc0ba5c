package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.BodyRetention;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Netty's clients: Reactor Netty's {@code HttpClient} (HTTP/1.1, then h2c by prior knowledge), and in runs of its
 * own offering h2c by Upgrade to the Reactor Netty example, which takes it. gRPC-java's client (its shaded Netty)
 * calls the gRPC example too: a few calls with and without the known allocation, and where retention is fitted,
 * leaky.
 */
abstract class AbstractNettyClientSuiteIT extends AbstractClientSuiteIT {
    private static final String GRPC = "grpc";
    private static final String GRPC_LEAKY = "grpc-leaky";
    private static final String GRPC_PLAIN = "grpc-plain";
    private static final String GRPC_ALLOCATING = "grpc-alloc";
    private static final String UPGRADING = "upgrade";

    AbstractNettyClientSuiteIT(Jdk jdk) {
        super(jdk, "netty-clients", List.of(), "", UpgradeOffers.FIRST_ON_A_CONNECTION, true);
    }

    @Override
    List<ClientRun> moreRuns() throws IOException, InterruptedException {
        String grpcUrl = "http://127.0.0.1:" + startServer(GRPC).port();
        List<ClientRun> runs = new ArrayList<>();
        if (fitsRetention()) {
            runs.add(new ClientRun(GRPC_LEAKY, true, List.of("--client", GRPC, "--url", grpcUrl, "--requests",
                    Integer.toString(RETENTION_REQUESTS), "--leaky")));
        }
        runs.addAll(List.of(
                new ClientRun(GRPC_PLAIN, false, List.of("--client", GRPC, "--url", grpcUrl, "--requests",
                        Integer.toString(ALLOC_REQUESTS))),
                new ClientRun(GRPC_ALLOCATING, false, List.of("--client", GRPC, "--url", grpcUrl, "--requests",
                        Integer.toString(ALLOC_REQUESTS), "--alloc", Long.toString(ALLOCATION))),
                new ClientRun(UPGRADING, false, List.of("--url", bodyUrl, "--requests", Integer.toString(ALLOC_REQUESTS),
                        "--protocol", "h2c-upgrade"))));
        return runs;
    }


    @Override
    String upgradingRun() {
        return UPGRADING;
    }

    @Override
    int upgradingRequests() {
        return ALLOC_REQUESTS;
    }

    @Test
    void everyGrpcCallIsAClientHttp2Exchange() throws Exception {
        JsonNode report = report(recording(GRPC_PLAIN));
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2);
        assertAll(
                () -> assertEquals(ALLOC_REQUESTS, http2.get("exchanges").asLong()),
                () -> assertEquals(1, report.get("protocols").size(), "gRPC is HTTP/2 only: " + report.get("protocols")),
                () -> assertEquals(ALLOC_REQUESTS, http2.get("outcomes").get("completed").asLong(), http2.toString()),
                () -> assertEquals("POST", report.get("endpoints").get(0).get("method").asText()),
                () -> assertEquals("/httpmem.Example/Body", report.get("endpoints").get(0).get("path").asText()));
    }

    @Test
    void allocationPerGrpcCallMatchesWhatTheResponseObserverAllocated() throws Exception {
        double difference = meanAllocated(report(recording(GRPC_ALLOCATING)), CLIENT_HTTP_2)
                - meanAllocated(report(recording(GRPC_PLAIN)), CLIENT_HTTP_2);
        assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, "gRPC: --alloc " + ALLOCATION + " minus none");
    }

    @Test
    void diffFindsThePlantedLeakOfGrpcCallsAtItsSiteAndRoot() throws Exception {
        Assumptions.assumeTrue(fitsRetention(), "retention is fitted on JDK 17");
        JsonNode report = HttpmemCli.diffJson(recording(GRPC_LEAKY));
        long planted = BodyRetention.plantedBytesPerResponse(Bodies.DEFAULT_SIZE);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2).get("retainedBytesPerExchange");
        assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "client HTTP/2 B/call vs planted " + planted);
        assertPlantedSite(report);
    }
}
