package dev.httpmem.analysis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpmem.analysis.attribution.StackFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTallyTest {
    private static final StackFrame RUN = new StackFrame("java.lang.Thread", "run", 840, StackFrame.Execution.INTERPRETED);

    private static List<StackFrame> stack(String method, int line) {
        return List.of(new StackFrame("app.Handler", method, line, StackFrame.Execution.JIT_COMPILED), RUN);
    }

    private static SampleStack drawn(String objectClass, String method) {
        return new SampleStack(objectClass, List.of(new StackFrame("app.Handler", method, 0, StackFrame.Execution.JIT_COMPILED),
                new StackFrame("java.lang.Thread", "run", 0, StackFrame.Execution.INTERPRETED)));
    }

    @Test
    void stacksDifferingOnlyInLinesAreOne() {
        StackTally tally = new StackTally(10);
        tally.add("byte[]", stack("handle", 12), 100);
        tally.add("byte[]", stack("handle", 14), 50);
        tally.add("char[]", stack("handle", 12), 7);
        assertEquals(new StackWeights(Map.of(drawn("byte[]", "handle"), 150L, drawn("char[]", "handle"), 7L), 0, 0),
                tally.weights());
    }

    @Test
    void stacksPastTheLimitAreCountedOnly() {
        StackTally tally = new StackTally(2);
        tally.add("byte[]", stack("a", 1), 10);
        tally.add("byte[]", stack("b", 1), 20);
        tally.add("byte[]", stack("c", 1), 30);
        tally.add("byte[]", stack("a", 2), 1); // known: still added to its own
        tally.add("byte[]", stack("d", 1), 40);
        assertEquals(new StackWeights(Map.of(drawn("byte[]", "a"), 11L, drawn("byte[]", "b"), 20L), 2, 70), tally.weights());
    }
}
