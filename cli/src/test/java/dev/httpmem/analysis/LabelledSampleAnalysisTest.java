package dev.httpmem.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.model.LabelledSamples;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.DamagedChunks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledSampleAnalysisTest {
    private static final int EXCHANGES_PER_CHUNK = 200;
    @TempDir
    static Path dir;
    static Path recording;
    static volatile Object sink;
    static long exchanges;

    /**
     * In two chunks, HTTP/2 exchanges (odd ids, on stream id = exchange id) keep byte arrays, HTTP/1.1 ones (even
     * ids) make garbage, and char arrays are made outside them. The kept arrays are the largest (256 KiB): JFR samples
     * an allocation only when it takes a new TLAB or falls outside one, and a 64 KiB array fitted in TLABs often
     * enough that, beside a busy suite, no byte[] of an HTTP/2 exchange was sampled.
     */
    @BeforeAll
    static void record() {
        recording = TestRecordings.recordInChunks(dir.resolve("rec.jfr"), 2, () -> {
            for (int i = 0; i < EXCHANGES_PER_CHUNK / 2; i++) {
                long h2 = ++exchanges;
                exchanges++;
                TestRecordings.exchange(h2, "HTTP/2", h2, "GET", "/items", () -> TestRecordings.RETAINED.add(new byte[256 * 1024]));
                // The agent gives an HTTP/1.1 exchange its request's number on its connection as stream id.
                TestRecordings.exchange(h2 + 1, "HTTP/1.1", i + 1, "POST", "/orders", () -> sink = new long[16 * 1024]);
                sink = new char[64 * 1024]; // outside every exchange
            }
            TestRecordings.agentStatistics(0, 0, 0);
            System.gc(); // the JDK writes old-object samples only of objects that lived through a GC
        });
    }

    @Test
    void labelsEachAllocationSampleWithTheExchangeItWasAllocatedFor() {
        LabelledSamples labelled = LabelledSampleAnalysis.read(recording, false, DamagedChunks.REFUSE);
        assertTrue(labelled.samples().stream().allMatch(s -> s.kind() == LabelledSample.Kind.ALLOCATION));
        List<LabelledSample> ours = labelled.samples().stream().filter(LabelledSampleAnalysisTest::allocatedHere).toList();
        assertFalse(ours.isEmpty());
        for (LabelledSample sample : ours) {
            SampleLabels labels = sample.labels();
            switch (sample.objectClass()) {
                case "byte[]" -> {
                    assertEquals(new SampleLabels(SampleLabels.Work.EXCHANGE, "HTTP/2", "jetty", "GET /items",
                            labels.exchange(), labels.exchange()), labels);
                    assertEquals(1, labels.exchange() % 2);
                }
                case "long[]" -> {
                    assertEquals(new SampleLabels(SampleLabels.Work.EXCHANGE, "HTTP/1.1", "jetty", "POST /orders",
                            0, labels.exchange()), labels);
                    assertEquals(0, labels.exchange() % 2);
                }
                case "char[]" -> assertEquals(SampleLabels.UNATTRIBUTED, labels);
                default -> { }
            }
        }
        assertEquals(Set.of("byte[]", "long[]", "char[]"), ours.stream().map(LabelledSample::objectClass)
                .collect(Collectors.toSet()));
    }

    /** Allocated by the recorded work above, rather than by the recording's making. */
    private static boolean allocatedHere(LabelledSample sample) {
        return !sample.frames().isEmpty() && sample.frames().get(0).className().equals(LabelledSampleAnalysisTest.class.getName());
    }

    @Test
    void sampledBytesPerProtocolAreTheReports() {
        Report report = ReportAnalysis.analyze(recording);
        Map<String, Long> reported = new TreeMap<>();
        report.protocols().forEach(p -> reported.put(p.protocol(), p.sampledBytes()));
        reported.values().removeIf(bytes -> bytes == 0);
        Map<String, Long> exported = LabelledSampleAnalysis.read(recording, false, DamagedChunks.REFUSE).samples().stream()
                .filter(s -> s.labels().work() == SampleLabels.Work.EXCHANGE)
                .collect(Collectors.groupingBy(s -> s.labels().protocol(), TreeMap::new,
                        Collectors.summingLong(LabelledSample::bytes)));
        assertEquals(reported, exported);
        assertEquals(report.samples().unattributedBytes(), LabelledSampleAnalysis.read(recording, false,
                DamagedChunks.REFUSE).samples().stream().filter(s -> s.labels().work() == SampleLabels.Work.UNATTRIBUTED)
                .mapToLong(LabelledSample::bytes).sum());
        assertTrue(report.protocols().stream().map(ProtocolStats::protocol).toList().containsAll(List.of("HTTP/1.1", "HTTP/2")));
    }

    @Test
    void liveObjectsAreLabelledWithTheExchangeThatAllocatedThem() {
        List<LabelledSample> live = LabelledSampleAnalysis.read(recording, true, DamagedChunks.REFUSE).samples().stream()
                .filter(s -> s.kind() == LabelledSample.Kind.LIVE && allocatedHere(s) && s.objectClass().equals("byte[]"))
                .toList();
        assertFalse(live.isEmpty(), "the retained arrays are sampled");
        live.forEach(sample -> assertEquals(new SampleLabels(SampleLabels.Work.EXCHANGE, "HTTP/2", "jetty", "GET /items",
                sample.labels().exchange(), sample.labels().exchange()), sample.labels()));
    }
}
