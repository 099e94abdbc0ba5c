package dev.httpmem.analysis.render.export;

import dev.httpmem.analysis.attribution.LabelledSample;
import java.util.List;
import java.util.function.ToLongFunction;

/** The values the pprof and OTLP exports give each sample, by the names and units they write. */
enum SampleType {
    /** Allocation samples. */
    ALLOC_SAMPLES("alloc_samples", "count", LabelledSample.Kind.ALLOCATION, SampleGroup::samples),
    /** The bytes the allocation samples stand for: the default. */
    ALLOC_SPACE("alloc_space", "bytes", LabelledSample.Kind.ALLOCATION, SampleGroup::bytes),
    /** Old-object samples: objects live when the recording ended. */
    LIVE_SAMPLES("live_samples", "count", LabelledSample.Kind.LIVE, SampleGroup::samples),
    /** The sampled live objects' own sizes, where the JDK records them (JDK 22 and later). */
    LIVE_SPACE("live_space", "bytes", LabelledSample.Kind.LIVE, SampleGroup::bytes);

    final String type;
    final String unit;
    private final LabelledSample.Kind kind;
    private final ToLongFunction<SampleGroup> value;

    SampleType(String type, String unit, LabelledSample.Kind kind, ToLongFunction<SampleGroup> value) {
        this.type = type;
        this.unit = unit;
        this.kind = kind;
        this.value = value;
    }

    /** The value of {@code group} of this type: 0 for a group of the other kind. */
    long value(SampleGroup group) {
        return group.kind() == kind ? value.applyAsLong(group) : 0;
    }

    /** The types written: those of allocation samples, and with {@code live} those of old-object samples. */
    static List<SampleType> of(boolean live) {
        return live ? List.of(values()) : List.of(ALLOC_SAMPLES, ALLOC_SPACE);
    }
}
