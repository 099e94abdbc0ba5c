package dev.httpmem.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.attribution.StackFrame;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.model.SampleStack;
import dev.httpmem.analysis.model.StackWeights;
import dev.httpmem.analysis.read.DamagedChunks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole stacks the HTML report's flame graphs draw, collected in the report's own pass. */
class FlameStacksTest {
    private static final int EXCHANGES_PER_CHUNK = 200;
    @TempDir
    static Path dir;
    static Path recording;
    static volatile Object sink;
    static long exchanges;

    /**
     * On a thread of its own, so that JFR's 64 frames reach its first: in two chunks, HTTP/2 exchanges keep byte
     * arrays, HTTP/1.1 ones make garbage, and HTTP/2 connections' work outside them makes int arrays.
     */
    @BeforeAll
    static void record() throws InterruptedException {
        recording = TestRecordings.recordInChunks(dir.resolve("rec.jfr"), 2, () -> {
            Thread server = new Thread(() -> {
                for (int i = 0; i < EXCHANGES_PER_CHUNK / 2; i++) {
                    long h2 = ++exchanges;
                    exchanges++;
                    TestRecordings.exchange(h2, "HTTP/2", h2, "GET", "/items", FlameStacksTest::keep);
                    TestRecordings.exchange(h2 + 1, "HTTP/1.1", i + 1, "POST", "/orders", () -> sink = new long[16 * 1024]);
                    TestRecordings.connectionWork("HTTP/2", () -> sink = new int[16 * 1024]);
                }
            }, "server");
            server.start();
            try {
                server.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            TestRecordings.agentStatistics(0, 0, 0);
            System.gc(); // the JDK writes old-object samples only of objects that lived through a GC
        });
    }

    /**
     * Allocates what an HTTP/2 exchange keeps: the method its stacks end in. Larger than the others, so that most
     * TLAB refills, where JFR takes its samples, are its own: at a quarter of the bytes, a run beside a busy benchmark
     * once sampled no byte[] at all (JFR's TLABs had grown to hold many of them).
     */
    private static void keep() {
        TestRecordings.RETAINED.add(new byte[256 * 1024]);
    }

    @Test
    void aProtocolsStacksHoldTheBytesTheReportSampledForItsExchanges() {
        Report report = ReportAnalysis.analyze(recording, 0, DamagedChunks.REFUSE, FlameStacks.Collected.ALLOCATION);
        FlameStacks stacks = report.flameStacks();
        for (ProtocolStats p : report.protocols()) {
            assertEquals(p.sampledBytes(), total(stacks.exchanges(p.protocol())), p.protocol());
        }
        assertTrue(stacks.live().isEmpty(), "old-object samples only when asked for");
        assertEquals(FlameStacks.NONE, ReportAnalysis.analyze(recording).flameStacks(), "the text report collects none");
    }

    @Test
    void stacksAreWholeFromTheThreadsFirstFrame() {
        FlameStacks stacks = ReportAnalysis.analyze(recording, 0, DamagedChunks.REFUSE, FlameStacks.Collected.ALLOCATION)
                .flameStacks();
        SampleStack kept = heaviest(stacks.exchanges("HTTP/2"), "byte[]");
        List<StackFrame> frames = kept.frames();
        assertEquals(FlameStacksTest.class.getName() + ".keep", frames.get(0).qualifiedMethod(), "the allocating method");
        assertEquals("java.lang.Thread", frames.get(frames.size() - 1).className(), "the thread's first frame: " + frames);
        assertTrue(frames.stream().anyMatch(f -> f.qualifiedMethod().equals(TestRecordings.class.getName() + ".exchange")),
                frames.toString());
        assertTrue(frames.stream().allMatch(f -> f.line() == 0), "lines are not drawn, so not kept apart");
        assertFalse(stacks.exchanges("HTTP/1.1").weights().keySet().stream().anyMatch(s -> s.objectClass().equals("int[]")));
        assertEquals("java.lang.Thread", last(heaviest(stacks.connections().get("HTTP/2"), "int[]").frames()).className(),
                "connection work, apart from the exchanges'");
    }

    /** Each graph's stacks are the labelled samples' (httpmem export's), added up by class and frames. */
    @Test
    void stacksAreTheLabelledSamplesAddedUp() {
        FlameStacks stacks = ReportAnalysis.analyze(recording, 0, DamagedChunks.REFUSE,
                FlameStacks.Collected.ALLOCATION_AND_LIVE).flameStacks();
        List<LabelledSample> samples = LabelledSampleAnalysis.read(recording, true, DamagedChunks.REFUSE).samples();
        assertEquals(byProtocol(samples, LabelledSample.Kind.ALLOCATION, SampleLabels.Work.EXCHANGE), weights(stacks.exchanges()));
        assertEquals(byProtocol(samples, LabelledSample.Kind.ALLOCATION, SampleLabels.Work.CONNECTION),
                weights(stacks.connections()));
        Map<String, Map<SampleStack, Long>> live = byProtocol(samples, LabelledSample.Kind.LIVE, SampleLabels.Work.EXCHANGE);
        assertEquals(live, weights(stacks.live()));
        assertTrue(live.get("HTTP/2").keySet().stream().anyMatch(s -> s.objectClass().equals("byte[]")
                && s.frames().get(0).qualifiedMethod().equals(FlameStacksTest.class.getName() + ".keep")), "the kept arrays");
    }

    /** What the graphs should hold: per protocol, bytes (allocation) or samples (live) by class and unnumbered frames. */
    private static Map<String, Map<SampleStack, Long>> byProtocol(List<LabelledSample> samples, LabelledSample.Kind kind,
                                                                  SampleLabels.Work work) {
        Map<String, Map<SampleStack, Long>> expected = new TreeMap<>();
        for (LabelledSample sample : samples) {
            if (sample.kind() == kind && sample.labels().work() == work && sample.labels().protocol() != null) {
                List<StackFrame> frames = sample.frames().stream()
                        .map(f -> new StackFrame(f.className(), f.method(), 0, f.execution())).toList();
                expected.computeIfAbsent(sample.labels().protocol(), p -> new HashMap<>()).merge(
                        new SampleStack(sample.objectClass(), frames),
                        kind == LabelledSample.Kind.LIVE ? 1 : sample.bytes(), Long::sum);
            }
        }
        return expected;
    }

    private static Map<String, Map<SampleStack, Long>> weights(Map<String, StackWeights> graphs) {
        Map<String, Map<SampleStack, Long>> weights = new TreeMap<>();
        graphs.forEach((protocol, stacks) -> {
            assertEquals(0, stacks.foldedSamples(), "a few stacks: none folded");
            weights.put(protocol, stacks.weights());
        });
        return weights;
    }

    private static long total(StackWeights stacks) {
        return stacks.weights().values().stream().mapToLong(Long::longValue).sum() + stacks.foldedWeight();
    }

    private static SampleStack heaviest(StackWeights stacks, String objectClass) {
        return stacks.weights().entrySet().stream().filter(e -> e.getKey().objectClass().equals(objectClass))
                .max(Map.Entry.comparingByValue()).orElseThrow(() -> new AssertionError("no " + objectClass + " stack"))
                .getKey();
    }

    private static StackFrame last(List<StackFrame> frames) {
        return frames.get(frames.size() - 1);
    }
}
