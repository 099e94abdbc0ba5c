package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.examples.common.DirectBuffers;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * httpmem diff on HTTP/2 exchanges that each keep direct buffers (the h2-offheap-growth scenario), planted in Jetty
 * and Netty with clean twins: the verdict must say HTTP/2 grows direct memory, by as much as was planted, and name
 * the buffers' site; nothing on the twins.
 */
class DirectMemoryGrowthIT {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "netty, clean"})
    void directMemoryGrowthIsNamedWithTheSiteOfItsBuffers(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = LeakShapeRun.record(example, "h2-offheap-growth-" + mode, leaky, (base, round, client) -> { });
        JsonNode report = HttpmemCli.diffJson(recording);
        String verdict = report.get("verdict").asText();
        JsonNode direct = HttpmemCli.protocol(report, "HTTP/2").get("directBytesPerExchange");
        if (!leaky) {
            assertFalse(verdict.contains("grows direct memory"), verdict);
            return;
        }
        assertAll(
                () -> assertTrue(verdict.startsWith("HTTP/2 grows direct memory by "), verdict),
                () -> assertFalse(verdict.contains("HTTP/1.1 grows direct memory"), verdict),
                () -> assertEquals(DirectBuffers.meanSize(), direct.get("estimate").asDouble(), DirectBuffers.meanSize() * 0.15,
                        "direct bytes per HTTP/2 exchange vs planted: " + direct),
                // A buffer's heap object is small: allocation sampling catches one only now and then.
                () -> assertTrue(!LeakShapeRun.sampled(recording, "jdk.ObjectAllocationSample", "DirectBuffers")
                                || report.get("directBufferSites").get(0).get("site").asText().contains("DirectBuffers.take"),
                        "where the buffers come from: " + report.get("directBufferSites")));
    }
}
