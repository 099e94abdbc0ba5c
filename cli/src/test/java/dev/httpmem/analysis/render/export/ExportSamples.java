package dev.httpmem.analysis.render.export;

import static dev.httpmem.analysis.attribution.LabelledSample.Kind.ALLOCATION;
import static dev.httpmem.analysis.attribution.LabelledSample.Kind.LIVE;
import static dev.httpmem.analysis.attribution.StackFrame.Execution.INTERPRETED;
import static dev.httpmem.analysis.attribution.StackFrame.Execution.JIT_COMPILED;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.attribution.StackFrame;
import dev.httpmem.analysis.model.LabelledSamples;
import dev.httpmem.analysis.read.RecordingInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Labelled samples the writers' tests write: two of one group, one of each kind of work, and live ones. */
final class ExportSamples {
    static final Instant START = Instant.ofEpochSecond(1_700_000_000, 5);
    static final Duration DURATION = Duration.ofSeconds(30);
    static final List<StackFrame> HANDLER = List.of(new StackFrame("org.example.Handler", "handle", 42, JIT_COMPILED),
            new StackFrame("java.lang.Thread", "run", 840, INTERPRETED));
    static final SampleLabels H2 = new SampleLabels(SampleLabels.Work.EXCHANGE, "HTTP/2", "jetty", "GET /items", 3, 7);
    static final SampleLabels H1 = new SampleLabels(SampleLabels.Work.EXCHANGE, "HTTP/1.1", "netty", "POST /a;b", 0, 8);
    static final SampleLabels H2_CONNECTION = new SampleLabels(SampleLabels.Work.CONNECTION, "HTTP/2", null, null, 0, 0);
    static final List<LabelledSample> ALLOCATED = List.of(
            new LabelledSample(ALLOCATION, "byte[]", HANDLER, 1000, H2),
            new LabelledSample(ALLOCATION, "long[]", HANDLER, 300, H1),
            new LabelledSample(ALLOCATION, "byte[]", HANDLER, 500, H2),
            new LabelledSample(ALLOCATION, "char[]", List.of(), 200, SampleLabels.UNATTRIBUTED));
    static final List<LabelledSample> LIVE_OBJECTS = List.of(
            new LabelledSample(LIVE, "byte[]", HANDLER, 64, H2),
            new LabelledSample(LIVE, "byte[]", HANDLER, -1, H2_CONNECTION));

    private ExportSamples() {
    }

    static LabelledSamples samples(boolean live) {
        RecordingInfo recording = new RecordingInfo("rec.jfr", START, DURATION, 1, Optional.empty());
        return new LabelledSamples(recording, live, live
                ? java.util.stream.Stream.concat(LIVE_OBJECTS.stream(), ALLOCATED.stream()).toList() : ALLOCATED);
    }
}
