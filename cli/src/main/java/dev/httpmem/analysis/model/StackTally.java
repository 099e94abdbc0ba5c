package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.StackFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates {@link StackWeights} as samples come, in bounded memory: the first {@code maxStacks} distinct stacks
 * are kept, the samples of any other are only counted.
 */
public final class StackTally {
    /** Distinct stacks per flame graph; async-profiler's own graphs of a busy server hold a few thousand. */
    public static final int MAX_STACKS = 20_000;

    private final int maxStacks;
    private final Map<SampleStack, long[]> weights = new HashMap<>();
    /** One instance of each distinct frame, shared by the stacks. */
    private final Map<StackFrame, StackFrame> frames = new HashMap<>();
    private long foldedSamples;
    private long foldedWeight;

    public StackTally() {
        this(MAX_STACKS);
    }

    StackTally(int maxStacks) {
        this.maxStacks = maxStacks;
    }

    /** Adds a sample of {@code objectClass} allocated by {@code stack} (innermost first). */
    public void add(String objectClass, List<StackFrame> stack, long weight) {
        List<StackFrame> drawn = new ArrayList<>(stack.size());
        for (StackFrame frame : stack) {
            StackFrame withoutLine = frame.line() == 0 ? frame
                    : new StackFrame(frame.className(), frame.method(), 0, frame.execution());
            drawn.add(frames.computeIfAbsent(withoutLine, f -> f));
        }
        SampleStack key = new SampleStack(objectClass, drawn);
        long[] total = weights.get(key);
        if (total == null && weights.size() < maxStacks) {
            total = new long[1];
            weights.put(key, total);
        }
        if (total == null) {
            foldedSamples++;
            foldedWeight += weight;
        } else {
            total[0] += weight;
        }
    }

    public StackWeights weights() {
        Map<SampleStack, Long> copy = new HashMap<>();
        weights.forEach((stack, total) -> copy.put(stack, total[0]));
        return new StackWeights(copy, foldedSamples, foldedWeight);
    }
}
