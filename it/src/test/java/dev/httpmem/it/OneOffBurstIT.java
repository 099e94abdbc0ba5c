package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.examples.common.Burst;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * httpmem diff on one request that keeps 20 MiB once (the burst scenario), planted in Jetty, Netty and Tomcat: the
 * verdict must name the one-off retention, size it, and find it at its site; nothing on Jetty's clean twin.
 */
class OneOffBurstIT {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "tomcat, leaky"})
    void aOneOffBurstIsAFindingNamedInTheVerdict(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = LeakShapeRun.record(example, "burst-" + mode, leaky, (base, round, client) -> {
            if (round == LeakShapeRun.ROUNDS / 2) {
                ContentResponse burst = client.newRequest(base + "/burst").timeout(30, TimeUnit.SECONDS).send();
                assertEquals(200, burst.getStatus(), "GET /burst");
            }
        });
        JsonNode report = HttpmemCli.diffJson(recording);
        String verdict = report.get("verdict").asText();
        List<JsonNode> significant = new ArrayList<>();
        report.get("steps").forEach(step -> {
            if (step.get("significant").asBoolean()) {
                significant.add(step);
            }
        });
        if (!leaky) {
            assertEquals(List.of(), significant, verdict);
            assertFalse(verdict.contains("one-off"), verdict);
            return;
        }
        assertEquals(1, significant.size(), report.get("steps").toString());
        JsonNode step = significant.get(0);
        assertAll(
                () -> assertEquals(Burst.BYTES, step.get("bytes").asDouble(), Burst.BYTES * 0.1, step.toString()),
                () -> assertEquals("HTTP/2", step.get("protocol").asText(), step.toString()),
                () -> assertTrue(verdict.contains("; one-off retention of "), verdict),
                () -> assertTrue(step.get("sites").toString().contains("Burst.run"), "the burst's site: " + step.get("sites")));
    }
}
