package dev.httpmem.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.model.ProtocolRetention;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.model.Verdict;
import dev.httpmem.analysis.render.RetentionJson;
import dev.httpmem.analysis.retention.FitSummary;
import dev.httpmem.analysis.retention.PhasedLeastSquaresTest;
import dev.httpmem.analysis.retention.TrackerCount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionAnalysisTest {
    static final long H2_BYTES_PER_EXCHANGE = 300;
    @TempDir
    static Path dir;
    static Path leaky;
    static RetentionReport report;

    @BeforeAll
    static void record() {
        leaky = TestRecordings.leakyRun(dir.resolve("leaky.jfr"), H2_BYTES_PER_EXCHANGE);
        report = RetentionAnalysis.analyze(List.of(leaky));
    }

    @Test
    void recordingsAreNamedByAsMuchOfTheirPathAsTellsThemApart() {
        assertEquals(List.of("leaky/recording.jfr", "clean/recording.jfr"), RetentionAnalysis.names(
                List.of(Path.of("/runs/leaky/recording.jfr"), Path.of("/runs/clean/recording.jfr"))));
        assertEquals(List.of("a.jfr", "b.jfr"), RetentionAnalysis.names(List.of(Path.of("/x/a.jfr"), Path.of("/y/b.jfr"))));
        assertEquals(List.of("a.jfr", "a.jfr #2"), RetentionAnalysis.names(List.of(Path.of("/x/a.jfr"), Path.of("/x/./a.jfr"))));
    }

    @Test
    void verdictNamesTheRetainingProtocol() {
        assertTrue(report.verdict().startsWith("HTTP/1.1 retains "), report.verdict());
        assertTrue(report.verdict().endsWith(": HTTP/2-only retention"), report.verdict());
        assertTrue(report.exceeds(200));
        assertFalse(report.exceeds(400));
    }

    @Test
    void slopesCoverThePlantedRetention() {
        ProtocolRetention h1 = protocol("HTTP/1.1");
        ProtocolRetention h2 = protocol("HTTP/2");
        PhasedLeastSquaresTest.assertCovers(h1.retainedBytesPerExchange(), 0, 10);
        PhasedLeastSquaresTest.assertCovers(h2.retainedBytesPerExchange(), H2_BYTES_PER_EXCHANGE, 10);
        PhasedLeastSquaresTest.assertCovers(h2.retainedBytesPerResponseKiB(), H2_BYTES_PER_EXCHANGE * 1024.0 / TestRecordings.BODY, 0.2);
        assertEquals(0, h2.directBytesPerExchange().estimate(), 1e-9);
        assertEquals(Verdict.Status.NONE, h1.status());
        assertEquals(Verdict.Status.RETAINS, h2.status());
        assertEquals(200, h2.exchanges());
        assertEquals(120_000, h2.allocatedBytes().mean());
        FitSummary fit = report.fits().get(0);
        assertTrue(fit.forcedOnly());
        assertEquals(2, fit.phases());
        assertEquals(60, fit.available());
        assertEquals(60, fit.checkpoints() + fit.warmUp());
    }

    @Test
    void retainedSiteIsTheHttp2AllocationWithItsStaticRoot() {
        RetainedSite top = report.topRetainedSite().orElseThrow(() -> new AssertionError(report.oldObjects().toString()));
        assertEquals("HTTP/2", top.protocol());
        assertEquals("byte[]", top.objectClass());
        assertTrue(top.frames().get(0).startsWith(TestRecordings.class.getName() + ".lambda$leakyRun$"), top.frames().toString());
        assertTrue(top.rootPath().matches("static " + Pattern.quote(TestRecordings.class.getName())
                + "\\.RETAINED → java\\.util\\.ArrayList\\.elementData → java\\.lang\\.Object\\[] \\[\\d+] → byte\\[]"),
                top.rootPath());
        assertEquals(top.samples(), top.rootPathSamples(), "paths that differ in array slots only are one");
        // HTTP/1.1's arrays are garbage but the last, which sink holds
        assertTrue(report.retainedSites().stream().filter(s -> s.protocol().equals("HTTP/1.1"))
                .allMatch(s -> s.samples() == 1 && s.rootPath().startsWith("static " + TestRecordings.class.getName() + ".sink")),
                report.retainedSites().toString());
    }

    @Test
    void trackerKeepsTheLastGcOnly() {
        assertEquals(List.of(
                new TrackerCount(leaky.toString(), "HTTP/2", "org.example.Stream", false, 40, 80, 16),
                new TrackerCount(leaky.toString(), "HTTP/2", "org.example.Stream", true, 5, 50, 16)), report.tracker());
    }

    @Test
    void jsonHasTheContractFields() {
        Map<?, ?> json = (Map<?, ?>) MiniJson.parse(RetentionJson.toJson(report));
        assertEquals(report.verdict(), json.get("verdict"));
        Map<?, ?> h2 = (Map<?, ?>) ((List<?>) json.get("protocols")).get(1);
        assertEquals("HTTP/2", h2.get("protocol"));
        assertEquals(200L, ((Number) h2.get("exchanges")).longValue());
        Map<?, ?> retained = (Map<?, ?>) h2.get("retainedBytesPerExchange");
        assertEquals(H2_BYTES_PER_EXCHANGE, ((Number) retained.get("estimate")).doubleValue(), 10);
        assertTrue(((Number) retained.get("ciLow")).doubleValue() < ((Number) retained.get("ciHigh")).doubleValue());
        assertEquals(120_000.0, ((Number) ((Map<?, ?>) h2.get("allocatedBytesPerExchange")).get("mean")).doubleValue());
        Map<?, ?> site = (Map<?, ?>) ((List<?>) json.get("retainedSites")).get(0);
        assertEquals("HTTP/2", site.get("protocol"));
        assertTrue(((String) site.get("site")).startsWith("byte[] at "));
        assertTrue(((Number) site.get("samples")).longValue() > 0);
        assertTrue(((String) site.get("rootPath")).contains(".RETAINED → "));
    }

    private static ProtocolRetention protocol(String name) {
        return report.protocols().stream().filter(p -> p.protocol().equals(name)).findFirst().orElseThrow();
    }
}
