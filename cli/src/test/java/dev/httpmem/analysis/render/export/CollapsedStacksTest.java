package dev.httpmem.analysis.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollapsedStacksTest {
    private static final String H2 = "work=exchange;protocol=HTTP/2;stack=jetty;endpoint=GET /items;stream=3;exchange=7;";
    private static final String HANDLER = "java.lang.Thread.run_[0];org.example.Handler.handle_[j];";

    @Test
    void writesALinePerStackLabelsFirstThenTheFramesFromTheRootThenTheAllocatedClass() {
        assertEquals(List.of(
                "work=exchange;protocol=HTTP/1.1;stack=netty;endpoint=POST /a%3Bb;exchange=8;" + HANDLER + "long[]_[k] 300",
                H2 + HANDLER + "byte[]_[k] 1500",
                "work=unattributed;char[]_[k] 200"),
                CollapsedStacks.format(ExportSamples.samples(false)).lines().sorted().toList());
    }

    @Test
    void withLiveObjectsWritesThoseInsteadOneForEachSample() {
        assertEquals(List.of(
                "work=connection;protocol=HTTP/2;" + HANDLER + "byte[]_[i] 1",
                H2 + HANDLER + "byte[]_[i] 1"),
                CollapsedStacks.format(ExportSamples.samples(true)).lines().sorted().toList());
    }
}
