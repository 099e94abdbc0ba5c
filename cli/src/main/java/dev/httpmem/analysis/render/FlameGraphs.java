package dev.httpmem.analysis.render;

import static dev.httpmem.analysis.render.Json.object;

import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.Site;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import one.convert.Arguments;
import one.convert.CallStack;
import one.convert.Frame;
import one.convert.FlameGraph;

/**
 * Flame graphs drawn by async-profiler's converter ({@link FlameGraph}), each its own self-contained HTML page, for
 * the HTML report to show in a frame. A sample's stack is bottom-up: the allocated class at the base, then the
 * method that allocated it and its callers, as far as the analysis keeps them ({@code Events.SITE_FRAMES}). Widths
 * are bytes; the converter's page calls its unit samples, so {@code flameScript} (run in the page after the
 * converter's own script) names the unit and, for the differential graph, colours the frames.
 */
final class FlameGraphs {
    /** The frame kinds the converter colours: the allocated class apart from the methods. */
    private static final byte CLASS_FRAME = Frame.TYPE_KERNEL;
    private static final byte METHOD_FRAME = Frame.TYPE_JIT_COMPILED;
    private static final byte GROUP_FRAME = Frame.TYPE_NATIVE;
    private final String flameScript;

    FlameGraphs(String flameScript) {
        this.flameScript = flameScript;
    }

    /** Sampled allocation bytes per site; {@code exchanges} divides them for the tooltips. */
    String allocation(String title, Map<Site, Long> bytesBySite, long exchanges) {
        FlameGraph graph = new FlameGraph(arguments(title));
        bytesBySite.forEach((site, bytes) -> graph.addSample(stack(List.of(), site), bytes));
        return page(graph, object("unit", "bytes sampled", "exchanges", exchanges));
    }

    /**
     * Old-object samples still live at the end, per protocol whose exchanges allocated them, then site; weighed in
     * samples, as not every JDK records their sizes.
     */
    String retained(String title, List<RetainedSite> sites) {
        FlameGraph graph = new FlameGraph(arguments(title));
        for (RetainedSite site : sites) {
            String protocol = site.protocol() == null ? "outside exchanges" : site.protocol();
            graph.addSample(stack(List.of(protocol), new Site(site.objectClass(), site.frames())), site.samples());
        }
        return page(graph, object("unit", "old-object samples"));
    }

    /**
     * {@code compared}'s sampled bytes in its shape, each frame coloured by its bytes per exchange against
     * {@code baseline}'s at the same frame (the same stack from the class up): red where {@code compared} allocates
     * more per exchange, blue where less. Frames only {@code baseline} reaches are not drawn: the graph has
     * {@code compared}'s shape.
     */
    String differential(String title, String comparedName, Map<Site, Long> compared, long comparedExchanges,
                        String baselineName, Map<Site, Long> baseline, long baselineExchanges) {
        FlameGraph graph = new FlameGraph(arguments(title));
        compared.forEach((site, bytes) -> graph.addSample(stack(List.of(), site), bytes));
        Map<String, double[]> perExchange = new HashMap<>();
        compared.forEach((site, bytes) -> addPrefixes(perExchange, site, 0, (double) bytes / comparedExchanges));
        baseline.forEach((site, bytes) -> addPrefixes(perExchange, site, 1, (double) bytes / baselineExchanges));
        Map<String, Object> frames = new HashMap<>();
        perExchange.forEach((path, values) -> {
            if (values[0] > 0) {
                frames.put(path, List.of(values[0], values[1]));
            }
        });
        return page(graph, object("unit", "bytes sampled",
                "compared", comparedName, "baseline", baselineName, "perExchange", frames));
    }

    /** Adds {@code value} to every stack prefix of the site, keyed as the flame script keys a frame. */
    private static void addPrefixes(Map<String, double[]> sums, Site site, int column, double value) {
        StringBuilder path = new StringBuilder();
        for (String frame : bottomUp(site)) {
            path.append(path.length() == 0 ? "" : ";").append(frame);
            sums.computeIfAbsent(path.toString(), p -> new double[2])[column] += value;
        }
    }

    private static List<String> bottomUp(Site site) {
        List<String> frames = new ArrayList<>(site.frames().size() + 1);
        frames.add(site.objectClass());
        frames.addAll(site.frames());
        return frames;
    }

    private static CallStack stack(List<String> groups, Site site) {
        CallStack stack = new CallStack();
        groups.forEach(group -> stack.push(group, GROUP_FRAME));
        stack.push(site.objectClass(), CLASS_FRAME);
        site.frames().forEach(frame -> stack.push(frame, METHOD_FRAME));
        return stack;
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
