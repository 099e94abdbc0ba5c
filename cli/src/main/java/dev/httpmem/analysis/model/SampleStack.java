package dev.httpmem.analysis.model;

import dev.httpmem.analysis.attribution.StackFrame;
import java.util.List;

/**
 * A sample's stack as a flame graph draws it: the allocated class and the frames that allocated it.
 *
 * @param frames innermost first, each by its method and how the JVM ran it; lines are 0, as the graph draws none
 */
public record SampleStack(String objectClass, List<StackFrame> frames) {
    public SampleStack {
        frames = List.copyOf(frames);
    }
}
