package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.TestRecordings;
import dev.httpmem.analysis.render.export.PprofFile;
import dev.httpmem.cli.MainTest.Result;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    static Path dir;
    static Path recording;
    static volatile Object sink;

    @BeforeAll
    static void record() {
        recording = TestRecordings.record(dir.resolve("rec.jfr"), () -> {
            // JFR's throttle may leave out a few allocations, after other tests' in this JVM.
            for (int i = 0; i < 50; i++) {
                TestRecordings.exchange(5 + 2 * i, "HTTP/2", 3 + 2 * i, "GET", "/items", () -> sink = new byte[1 << 20]);
            }
            TestRecordings.agentStatistics(0, 0, 0);
        });
    }

    @Test
    void writesEachFormatToAFile() throws Exception {
        Path pprof = dir.resolve("alloc.pb.gz");
        assertEquals(new Result(0, "", ""), MainTest.run("export", recording.toString(), "--format", "pprof", "-o",
                pprof.toString()));
        assertTrue(PprofFile.parse(Files.readAllBytes(pprof)).samples().stream().anyMatch(sample ->
                sample.frames().get(0).equals("byte[]") && "GET /items".equals(sample.labels().get("endpoint"))
                        && Long.parseLong(sample.labels().get("stream")) + 2 == Long.parseLong(sample.labels().get("exchange"))));
        Path otlp = dir.resolve("profiles.pb");
        assertEquals(new Result(0, "", ""), MainTest.run("export", recording.toString(), "--format", "otlp", "--out",
                otlp.toString(), "--live"));
        assertEquals(4, ExportProfilesServiceRequest.parseFrom(Files.readAllBytes(otlp)).getResourceProfiles(0)
                .getScopeProfiles(0).getProfilesCount());
    }

    @Test
    void writesCollapsedStacksToStandardOutput() {
        Result result = MainTest.run("export", recording.toString(), "--format", "collapsed");
        assertEquals(new Result(0, result.out(), ""), result);
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith(
                "work=exchange;protocol=HTTP/2;stack=jetty;endpoint=GET /items;stream=")
                && line.contains(";byte[]_[k] ")), result.out());
        assertEquals(result, MainTest.run("export", recording.toString(), "--format", "collapsed", "-o", "-"));
    }

    @Test
    void badUsageAndBadDataAreOneLine() {
        assertEquals(new Result(2, "", "httpmem export: Invalid value for option '--format': expected pprof, otlp or"
                + " collapsed but was 'svg' (see 'httpmem export --help')\n"),
                MainTest.run("export", recording.toString(), "--format", "svg"));
        assertEquals(new Result(2, "", "httpmem export: Missing required option: '--format=pprof|otlp|collapsed'"
                + " (see 'httpmem export --help')\n"), MainTest.run("export", recording.toString()));
        Path plain = TestRecordings.record(dir.resolve("plain.jfr"), () -> sink = new byte[1 << 20]);
        Result noEvents = MainTest.run("export", plain.toString(), "--format", "pprof", "-o", dir.resolve("x").toString());
        assertEquals(List.of(1, "httpmem export: no httpmem events in " + plain), List.of(noEvents.exitCode(),
                noEvents.err().split(";")[0]));
        Path out = dir.resolve("missing/alloc.pb.gz");
        assertEquals(new Result(1, "", "httpmem export: cannot write " + out + ": no such directory\n"),
                MainTest.run("export", recording.toString(), "--format", "pprof", "-o", out.toString()));
    }
}
