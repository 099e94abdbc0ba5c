package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.model.SampleStack;
import dev.httpmem.analysis.model.StackTally;
import dev.httpmem.analysis.model.StackWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import one.convert.Arguments;
import one.convert.CallStack;
import one.convert.Frame;
import one.convert.FlameGraph;

/**
 * Flame graphs drawn by async-profiler's converter ({@link FlameGraph}), each its own self-contained HTML page, for
 * the HTML report to show in a frame. Stacks are whole and root first, as async-profiler draws allocation: the
 * thread's first frame at the base, up to the method that allocated, then the allocated class
 * ({@link ConverterStacks}). Samples of stacks past a graph's limit of distinct stacks ({@link StackTally}) are one
 * frame, {@value #FOLDED_FRAME}, on the base, and the graph's title says how many. Widths are bytes, or old-object
 * samples; the converter's page calls its unit samples, so {@code flameScript} (run in the page after the converter's
 * own script) names the unit and, for the differential graph, colours the frames.
 */
final class FlameGraphs {
    static final String FOLDED_FRAME = "(other stacks)";
    /** The frame kind of the frames grouping a graph's stacks (a protocol): the converter's colour of native code. */
    private static final byte GROUP_FRAME = Frame.TYPE_NATIVE;
    private final String flameScript;

    FlameGraphs(String flameScript) {
        this.flameScript = flameScript;
    }

    /** Sampled allocation bytes per stack; {@code exchanges} divides them for the tooltips. */
    String allocation(String title, StackWeights stacks, long exchanges) {
        FlameGraph graph = new FlameGraph(arguments(title + folded(stacks)));
        add(graph, List.of(), stacks, LabelledSample.Kind.ALLOCATION);
        return page(graph, object("unit", "bytes sampled", "exchanges", exchanges));
    }

    /**
     * Old-object samples still live at the end, under a frame per group (the protocol whose exchanges allocated
     * them); weighed in samples, as not every JDK records their sizes.
     */
    String retained(String title, Map<String, StackWeights> stacksByGroup) {
        long folded = stacksByGroup.values().stream().mapToLong(StackWeights::foldedSamples).sum();
        FlameGraph graph = new FlameGraph(arguments(title + (folded == 0 ? "" : String.format(Locale.ROOT,
                "; %,d samples past the first %,d distinct stacks of a protocol drawn as %s", folded,
                StackTally.MAX_STACKS, FOLDED_FRAME))));
        stacksByGroup.forEach((group, stacks) -> add(graph, List.of(group), stacks, LabelledSample.Kind.LIVE));
        return page(graph, object("unit", "old-object samples"));
    }

    /**
     * {@code compared}'s sampled bytes in its shape, each frame coloured by its bytes per exchange against
     * {@code baseline}'s at the same frame (the same stack from the root, by the frames' names): red where
     * {@code compared} allocates more per exchange, blue where less. Frames only {@code baseline} reaches are not
     * drawn: the graph has {@code compared}'s shape. The flame script finds each frame's figures by walking a tree
     * of the frames' names from the base, the graph's own shape, rather than by whole paths, which would grow with
     * the square of the stacks' depth.
     */
    String differential(String title, String comparedName, StackWeights compared, long comparedExchanges,
                        String baselineName, StackWeights baseline, long baselineExchanges) {
        FlameGraph graph = new FlameGraph(arguments(title + folded(compared)));
        add(graph, List.of(), compared, LabelledSample.Kind.ALLOCATION);
        PerExchange perExchange = new PerExchange();
        forEachPath(compared, (path, bytes) -> perExchange.add(path, 0, (double) bytes / comparedExchanges, true));
        forEachPath(baseline, (path, bytes) -> perExchange.add(path, 1, (double) bytes / baselineExchanges, false));
        return page(graph, object("unit", "bytes sampled",
                "compared", comparedName, "baseline", baselineName, "perExchange", perExchange.json()));
    }

    /** A tree of frame names from the base, each node with its bytes per exchange in the compared and the baseline. */
    private static final class PerExchange {
        final double[] values = new double[2];
        final Map<String, PerExchange> children = new HashMap<>();

        /** Adds {@code value} to every node on {@code path}; nodes are made only for the compared ({@code grow}). */
        void add(List<String> path, int column, double value, boolean grow) {
            PerExchange node = this;
            for (String frame : path) {
                node = grow ? node.children.computeIfAbsent(frame, f -> new PerExchange()) : node.children.get(frame);
                if (node == null) {
                    return;
                }
                node.values[column] += value;
            }
        }

        /** The children, by name: each {@code [compared, baseline, its children]}. */
        Map<String, Object> json() {
            Map<String, Object> json = new HashMap<>();
            children.forEach((frame, child) -> json.put(frame, List.of(child.values[0], child.values[1], child.json())));
            return json;
        }
    }

    private interface PathWeight {
        void accept(List<String> path, long weight);
    }

    /** Each stack's frame names from the base, as the converter titles them, with its weight; the folded ones as one. */
    private static void forEachPath(StackWeights stacks, PathWeight action) {
        stacks.weights().forEach((stack, weight) -> {
            List<String> path = new ArrayList<>(stack.frames().size() + 1);
            for (int i = stack.frames().size() - 1; i >= 0; i--) {
                path.add(stack.frames().get(i).qualifiedMethod());
            }
            path.add(stack.objectClass());
            action.accept(path, weight);
        });
        if (stacks.foldedSamples() > 0) {
            action.accept(List.of(FOLDED_FRAME), stacks.foldedWeight());
        }
    }

    private static void add(FlameGraph graph, List<String> groups, StackWeights stacks, LabelledSample.Kind kind) {
        CallStack stack = new CallStack();
        for (Map.Entry<SampleStack, Long> entry : stacks.weights().entrySet()) {
            groups.forEach(group -> stack.push(group, GROUP_FRAME));
            ConverterStacks.push(stack, entry.getKey().frames(), entry.getKey().objectClass(), kind);
            graph.addSample(stack, entry.getValue());
            stack.clear();
        }
        if (stacks.foldedSamples() > 0) {
            groups.forEach(group -> stack.push(group, GROUP_FRAME));
            stack.push(FOLDED_FRAME, GROUP_FRAME);
            graph.addSample(stack, stacks.foldedWeight());
        }
    }

    /** What a title says of the sampled bytes folded into {@value #FOLDED_FRAME}; nothing when none were. */
    private static String folded(StackWeights stacks) {
        return stacks.foldedSamples() == 0 ? "" : String.format(Locale.ROOT,
                "; %,d samples (%s) past the first %,d distinct stacks drawn as %s", stacks.foldedSamples(),
                Units.bytes(stacks.foldedWeight()), StackTally.MAX_STACKS, FOLDED_FRAME);
    }

    private static Arguments arguments(String title) {
        Arguments arguments = new Arguments();
        arguments.title = title;
        return arguments;
    }

    /** The converter's page, with {@code settings} for the flame script and the script after its own. */
    private String page(FlameGraph graph, Map<String, Object> settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            graph.dump(out);
        }
        String html = bytes.toString(StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        if (end < 0) {
            throw new IllegalStateException("the flame graph converter's page has no </body>");
        }
        return html.substring(0, end) + "<script>const httpmemFlame = " + HtmlReport.scriptData(settings)
                + ";\n" + flameScript + "</script>" + html.substring(end);
    }
}
