package dev.httpmem.analysis.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PprofProfileTest {
    private static final List<String> HANDLER = List.of("org.example.Handler.handle:42", "java.lang.Thread.run:840");
    private static final Map<String, String> H2 = labels("work", "exchange", "protocol", "HTTP/2", "stack", "jetty",
            "endpoint", "GET /items", "stream", "3", "exchange", "7");

    @Test
    void writesEachGroupOfSamplesWithItsStackFromTheAllocatedClassAndItsLabels() throws Exception {
        PprofFile profile = PprofFile.parse(PprofProfile.encode(ExportSamples.samples(false)));
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes"), profile.sampleTypes());
        assertEquals("alloc_space", profile.defaultSampleType());
        assertEquals(ExportSamples.START.getEpochSecond() * 1_000_000_000L + 5, profile.timeNanos());
        assertEquals(ExportSamples.DURATION.toNanos(), profile.durationNanos());
        assertEquals(List.of(
                new PprofFile.Sample(frames("byte[]"), List.of(2L, 1500L), H2),
                new PprofFile.Sample(frames("long[]"), List.of(1L, 300L), labels("work", "exchange",
                        "protocol", "HTTP/1.1", "stack", "netty", "endpoint", "POST /a;b", "exchange", "8")),
                new PprofFile.Sample(List.of("char[]"), List.of(1L, 200L), labels("work", "unattributed"))),
                profile.samples());
    }

    @Test
    void liveObjectsAreSamplesOfTheirOwnTypes() throws Exception {
        PprofFile profile = PprofFile.parse(PprofProfile.encode(ExportSamples.samples(true)));
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes", "live_samples/count", "live_space/bytes"),
                profile.sampleTypes());
        assertEquals(new PprofFile.Sample(frames("byte[]"), List.of(0L, 0L, 1L, 64L), H2), profile.samples().get(0));
        assertEquals(new PprofFile.Sample(frames("byte[]"), List.of(0L, 0L, 1L, 0L),
                labels("work", "connection", "protocol", "HTTP/2")), profile.samples().get(1),
                "a size the JDK did not record adds none");
        assertEquals(new PprofFile.Sample(frames("byte[]"), List.of(2L, 1500L, 0L, 0L), H2), profile.samples().get(2));
        assertEquals(5, profile.samples().size());
    }

    private static List<String> frames(String objectClass) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(objectClass), HANDLER.stream()).toList();
    }

    static Map<String, String> labels(String... namesAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }
}
