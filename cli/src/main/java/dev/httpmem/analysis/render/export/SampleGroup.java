package dev.httpmem.analysis.render.export;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.attribution.StackFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of one kind, class, stack and labels, added up: the exports write each such group once.
 *
 * @param bytes their bytes; old-object samples whose size the JDK did not record (before JDK 22) add none
 */
record SampleGroup(LabelledSample.Kind kind, String objectClass, List<StackFrame> frames, SampleLabels labels,
                   long samples, long bytes) {

    private record Key(LabelledSample.Kind kind, String objectClass, List<StackFrame> frames, SampleLabels labels) {
    }

    /** The groups of {@code samples}, in the order of their first samples. */
    static List<SampleGroup> of(List<LabelledSample> samples) {
        Map<Key, long[]> totals = new LinkedHashMap<>();
        for (LabelledSample sample : samples) {
            long[] total = totals.computeIfAbsent(
                    new Key(sample.kind(), sample.objectClass(), sample.frames(), sample.labels()), k -> new long[2]);
            total[0]++;
            total[1] += Math.max(sample.bytes(), 0);
        }
        return totals.entrySet().stream().map(e -> new SampleGroup(e.getKey().kind(), e.getKey().objectClass(),
                e.getKey().frames(), e.getKey().labels(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
