package dev.httpmem.analysis.render.export;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.model.LabelledSamples;
import dev.httpmem.analysis.render.ConverterStacks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import one.convert.Arguments;
import one.convert.CallStack;
import one.convert.FlameGraph;
import one.convert.Frame;

/**
 * Labelled samples as collapsed stacks, written by async-profiler's converter as it writes its own: one line per
 * distinct stack, its frames from the root separated by ';', a space, then its value. Each stack begins with a frame
 * per label ({@code name=value}, in the order of {@link SampleLabels#labels}), then the Java frames from the thread's
 * first, then the allocated class; Java frames carry async-profiler's suffixes of how the JVM ran them ({@code _[j]}
 * compiled, {@code _[i]} inlined, {@code _[0]} interpreted, {@code _[1]} C1-compiled), the class {@code _[k]} as
 * async-profiler marks the JDK's allocation samples, or {@code _[i]} for live objects.
 * <p>
 * A line holds one measure: the bytes the allocation samples stand for, or with old-object samples those instead,
 * one per sample (their sizes are not recorded before JDK 22).
 */
public final class CollapsedStacks {
    private CollapsedStacks() {
    }

    public static String format(LabelledSamples samples) {
        Arguments arguments = new Arguments();
        arguments.output = "collapsed";
        FlameGraph graph = new FlameGraph(arguments);
        CallStack stack = new CallStack();
        LabelledSample.Kind kind = samples.live() ? LabelledSample.Kind.LIVE : LabelledSample.Kind.ALLOCATION;
        for (SampleGroup group : SampleGroup.of(samples.samples())) {
            if (group.kind() != kind) {
                continue;
            }
            for (SampleLabels.Label label : group.labels().labels()) {
                stack.push(label.name() + "=" + label.value().replace(";", "%3B"), Frame.TYPE_NATIVE);
            }
            ConverterStacks.push(stack, group.frames(), group.objectClass(), kind);
            graph.addSample(stack, kind == LabelledSample.Kind.ALLOCATION ? group.bytes() : group.samples());
            stack.clear();
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, false, StandardCharsets.UTF_8)) {
            graph.dump(out);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
