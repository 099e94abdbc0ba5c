package dev.httpmem.analysis;

import static dev.httpmem.analysis.TestRecordings.exchange;
import static dev.httpmem.analysis.TestRecordings.heapCheckpoint;
import static dev.httpmem.analysis.TestRecordings.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.model.LiveProtocol;
import dev.httpmem.analysis.model.LiveSnapshot;
import dev.httpmem.analysis.render.LiveJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import jdk.jfr.consumer.EventStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveAnalysisTest {
    @TempDir
    static Path dir;
    static volatile Object sink;

    private static LiveAnalysis fed(Path recording, Instant start) throws Exception {
        LiveAnalysis analysis = new LiveAnalysis(3, start);
        try (EventStream stream = EventStream.openFile(recording)) {
            analysis.subscribe(stream);
            stream.start();
        }
        return analysis;
    }

    @Test
    void countsExchangesPerIntervalAndSinceTheStart() throws Exception {
        Path recording = TestRecordings.record(dir.resolve("exchanges.jfr"), () -> {
            for (int i = 1; i <= 100; i++) {
                exchange("HTTP/1.1", "GET", "/items", "completed", i * 1000L, 2048, 2);
            }
            slice("HTTP/2", () -> {
                for (int i = 0; i < 20; i++) {
                    sink = new byte[1 << 20];
                }
            });
            exchange("HTTP/2", "GET", "/items", "completed", 4096, 1024, 3);
        });
        Instant start = Instant.now();
        LiveAnalysis analysis = fed(recording, start);
        LiveSnapshot first = analysis.snapshot(start.plusSeconds(2));
        LiveProtocol http1 = first.protocols().get(0);
        assertEquals("HTTP/1.1", http1.protocol());
        assertEquals(100, http1.intervalExchanges());
        assertEquals(50.0, http1.exchangesPerSecond(), 1e-9);
        assertEquals(50_000, http1.total().allocatedBytes().p50(), 500.0);
        assertEquals(99_000, http1.total().allocatedBytes().p99(), 1000.0);
        assertFalse(http1.retainedBytesPerExchange().known());
        assertTrue(first.allocationSites().stream().anyMatch(s -> s.protocol().equals("HTTP/2") && s.objectClass().equals("byte[]")),
                first.allocationSites().toString());
        assertEquals(0, first.heapCheckpoints());

        LiveSnapshot second = analysis.snapshot(start.plusSeconds(3));
        assertEquals(0, second.protocols().get(0).intervalExchanges());
        assertEquals(100, second.protocols().get(0).total().exchanges());
    }

    @Test
    void estimatesRetentionFromHeapCheckpoints() throws Exception {
        Path recording = TestRecordings.record(dir.resolve("checkpoints.jfr"), () -> {
            for (int i = 0; i <= 10; i++) {
                heapCheckpoint(100_000_000 + 2048L * 1000 * i + (i % 2) * 1000L, 1000L * i, 500L * i);
            }
        });
        LiveSnapshot snapshot = fed(recording, Instant.now()).snapshot(Instant.now());
        assertEquals(11, snapshot.heapCheckpoints());
        assertEquals(100_000_000 + 2048L * 1000 * 10, snapshot.heapAfterGcBytes().getAsLong());
        assertEquals(OptionalLong.of(0), snapshot.openConnections(), "the last checkpoint's count");
        assertEquals(List.of(), snapshot.protocols(), "checkpoints alone make no exchanges");
        String json = LiveJson.toJsonLine(snapshot);
        assertEquals(1, json.strip().lines().count(), json);
        assertEquals(11.0, ((Map<?, ?>) MiniJson.parse(json)).get("heapCheckpoints"));
    }

    @Test
    void retentionIsFittedPerProtocolAsDiffFitsIt() throws Exception {
        Path recording = TestRecordings.record(dir.resolve("retention.jfr"), () -> {
            exchange("HTTP/1.1", "GET", "/", "completed", 1, 1, 1);
            exchange("HTTP/2", "GET", "/", "completed", 1, 1, 1);
            // HTTP/1.1 alone, then HTTP/2 alone: 2,048 then 4,096 bytes kept per exchange, a few KB of noise.
            long heap = 100_000_000;
            for (int i = 1; i <= 15; i++) {
                heap += 2048L * 1000 + (i % 3) * 1000L;
                heapCheckpoint(heap, 1000L * i, 0);
            }
            for (int i = 1; i <= 15; i++) {
                heap += 4096L * 500 + (i % 3) * 1000L;
                heapCheckpoint(heap, 15_000, 500L * i);
            }
        });
        LiveSnapshot snapshot = fed(recording, Instant.now()).snapshot(Instant.now());
        assertEquals(2048, snapshot.protocols().get(0).retainedBytesPerExchange().estimate(), 5);
        assertEquals(4096, snapshot.protocols().get(1).retainedBytesPerExchange().estimate(), 10);
    }
}
