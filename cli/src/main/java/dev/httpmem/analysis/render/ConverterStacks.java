package dev.httpmem.analysis.render;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.StackFrame;
import java.util.List;
import one.convert.CallStack;
import one.convert.Frame;

/**
 * A sample's stack as async-profiler's converter draws an allocation profile: from the thread's first frame down to
 * the method that allocated, each frame of the type that says how the JVM ran it, then the allocated class, of the
 * type async-profiler gives the JDK's allocation samples ({@link Frame#TYPE_KERNEL}), or for live objects
 * {@link Frame#TYPE_INLINED}.
 */
public final class ConverterStacks {
    private ConverterStacks() {
    }

    /** Pushes the frames (innermost first, as the samples hold them) root first, then the class. */
    public static void push(CallStack stack, List<StackFrame> frames, String objectClass, LabelledSample.Kind kind) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            StackFrame frame = frames.get(i);
            stack.push(frame.qualifiedMethod(), frameType(frame.execution()));
        }
        stack.push(objectClass, kind == LabelledSample.Kind.ALLOCATION ? Frame.TYPE_KERNEL : Frame.TYPE_INLINED);
    }

    private static byte frameType(StackFrame.Execution execution) {
        return switch (execution) {
            case INTERPRETED -> Frame.TYPE_INTERPRETED;
            case C1_COMPILED -> Frame.TYPE_C1_COMPILED;
            case JIT_COMPILED -> Frame.TYPE_JIT_COMPILED;
            case INLINED -> Frame.TYPE_INLINED;
            case NATIVE -> Frame.TYPE_NATIVE;
        };
    }
}
