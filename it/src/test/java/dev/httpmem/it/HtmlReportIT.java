package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.load.LoadDriver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML pages of {@code httpmem diff --html} and {@code report --html}, of a recording of the demo's planted leak
 * (Jetty's h2-body-retention, leaky, a forced GC every 150 exchanges), opened in headless Chromium: they load nothing
 * but themselves, log no error, and their charts and flame graphs drew, the flame graphs whole stacks holding the
 * planted site; screenshots land in target/it/html-report
 * (diff-overview.png, the page down to its last chart, is the README's).
 */
class HtmlReportIT {
    private static final int REQUESTS = 3_000;
    private static final Path WORK = Artifacts.workDir("html-report");
    /**
     * For each chart and flame graph canvas of the page (a flame graph's in its frame), whether it drew: some pixel
     * neither transparent nor white. Then the panels that said why they are empty, and the verdict.
     */
    private static final String DRAWN = """
            (() => {
                const drawn = canvas => {
                    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    for (let i = 0; i < pixels.length; i += 4) {
                        if (pixels[i + 3] !== 0 && (pixels[i] & pixels[i + 1] & pixels[i + 2]) !== 255) return true;
                    }
                    return false;
                };
                const charts = [...document.querySelectorAll('.chart canvas')];
                const flames = [...document.querySelectorAll('iframe.flame')]
                    .map(frame => frame.contentDocument && frame.contentDocument.getElementById('canvas'));
                return {
                    charts: charts.length,
                    chartsDrawn: charts.filter(drawn).length,
                    flames: flames.length,
                    flamesDrawn: flames.filter(canvas => canvas && drawn(canvas)).length,
                    absent: [...document.querySelectorAll('.absent')].map(panel => panel.textContent),
                    verdict: document.querySelector('.verdict').textContent,
                    text: document.body.innerText,
                    height: document.documentElement.scrollHeight,
                    chartsBottom: Math.max(0, ...charts.map(canvas => canvas.closest('.chart').getBoundingClientRect().bottom
                        + window.scrollY + 16)),
                };
            })()""";

    /** The example's planted leak: what keeps a share of each HTTP/2 response body. */
    private static final String PLANTED_SITE = "dev.httpmem.examples.common.BodyRetention.keep";
    /**
     * Levels holding frames that a whole stack exceeds: graphs of the report's allocation sites would have at most 6
     * (the root, a protocol, the class and the sites' three frames); this Jetty's stacks run to 15 and more.
     */
    private static final int MIN_DEPTH = 10;
    /**
     * Run in each flame graph's frame: its title (its frame element's), and what the converter's script draws from
     * ({@code levels}, the frames by level): how many levels hold frames, and the frames' titles; and how many frames
     * above the root there are, and how many of them the differential script found its figures for.
     */
    private static final String GRAPH = """
            ({
                title: window.frameElement.title,
                depth: levels.filter(level => level.length > 0).length,
                titles: [...new Set(levels.flat().map(frame => frame.title))],
                frames: levels.slice(1).flat().length,
                compared: levels.slice(1).flat().filter(frame => frame.node).length,
            })""";
    private static Path recording;

    @BeforeAll
    static void recordThePlantedLeak() throws Exception {
        Assumptions.assumeTrue(Chromium.executable().isPresent(), "no Chromium on this machine (Debian: apt-get install chromium)");
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "log=info,gc-every=150", Artifacts.exampleJar("jetty"), List.of("--scenario", "h2-body-retention", "--leaky"),
                WORK.resolve("server"))) {
            URI body = URI.create("http://127.0.0.1:" + server.port() + "/body?size=" + Bodies.DEFAULT_SIZE);
            for (LoadDriver.Protocol protocol : LoadDriver.Protocol.values()) {
                assertEquals(REQUESTS, LoadDriver.run(protocol, body, REQUESTS, 8, done -> { }).ok(), protocol + " responses");
            }
            recording = server.stop();
        }
    }

    @Test
    void diffPageDrawsRetentionAllocationAndRetainedObjects() throws Exception {
        Path page = WORK.resolve("diff.html");
        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString(), "--html", page.toString());
        assertEquals(0, diff.exitCode(), diff.err());
        JsonNode drawn = openAndCheck(page, WORK.resolve("diff.png"), true);
        assertAll(
                () -> assertEquals(2, drawn.get("charts").asInt(), "heap against exchanges, memory over time"),
                () -> assertEquals(2, drawn.get("chartsDrawn").asInt(), drawn.toString()),
                () -> assertTrue(drawn.get("flames").asInt() >= 4, "HTTP/1.1, HTTP/2, differential, retained"),
                () -> assertEquals(drawn.get("flames").asInt(), drawn.get("flamesDrawn").asInt(), drawn.toString()),
                () -> assertWholeStacks(drawn.get("graphs")),
                () -> assertTrue(titles(drawn.get("graphs"), "retained objects").contains(PLANTED_SITE),
                        "the planted site in the retained objects' graph"),
                () -> assertEquals(diff.out().lines().findFirst().orElseThrow(), drawn.get("verdict").asText(),
                        "the verdict on top, as the text report's first line"),
                () -> assertTrue(drawn.get("verdict").asText().contains("retention in HTTP/2")
                        || drawn.get("verdict").asText().contains("HTTP/2-only retention"), drawn.get("verdict").asText()),
                () -> assertTrue(drawn.get("text").asText().contains("BodyRetention.keep"), "the planted retained site"),
                () -> assertTrue(drawn.get("text").asText().contains("BodyRetention.RETAINED"), "its path from a GC root"),
                // every panel had data but the listing of exchanges left open, which says so
                () -> drawn.get("absent").forEach(text -> assertTrue(text.asText().startsWith("None"), text.asText())));
    }

    @Test
    void reportPageDrawsAllocationFlameGraphs() throws Exception {
        Path page = WORK.resolve("report.html");
        HttpmemCli.Result report = HttpmemCli.run("report", recording.toString(), "--html", page.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("Allocation per protocol"), "the text report still goes to standard output");
        JsonNode drawn = openAndCheck(page, WORK.resolve("report.png"), false);
        assertAll(
                () -> assertEquals(0, drawn.get("charts").asInt(), "report knows no retention"),
                () -> assertTrue(drawn.get("flames").asInt() >= 3, "HTTP/1.1, HTTP/2, differential"),
                () -> assertEquals(drawn.get("flames").asInt(), drawn.get("flamesDrawn").asInt(), drawn.toString()),
                () -> assertWholeStacks(drawn.get("graphs")),
                () -> assertTrue(drawn.get("verdict").asText().contains("HTTP/2 exchanges allocated"), drawn.get("verdict").asText()));
    }

    /**
     * Each flame graph holds whole stacks, deeper than the three frames the report's site tables keep: from the
     * thread's first frame ({@code Thread.run}) up; HTTP/2's allocation, and the differential graph drawn in its
     * shape, hold the planted site (its copies are about a tenth of the bytes HTTP/2's exchanges allocate here).
     */
    private static void assertWholeStacks(JsonNode graphs) {
        for (String graph : List.of("allocation of HTTP/1.1 exchanges", "allocation of HTTP/2 exchanges", "HTTP/2 against HTTP/1.1")) {
            assertTrue(graphs.has(graph), graph + " among " + names(graphs));
        }
        graphs.fields().forEachRemaining(graph -> {
            assertTrue(graph.getValue().get("depth").asInt() > MIN_DEPTH, graph.getKey() + ": " + graph.getValue().get("depth"));
            assertTrue(titles(graphs, graph.getKey()).contains("java.lang.Thread.run"), graph.getKey() + ": its threads' first frame");
        });
        for (String graph : List.of("allocation of HTTP/2 exchanges", "HTTP/2 against HTTP/1.1")) {
            assertTrue(titles(graphs, graph).contains(PLANTED_SITE), graph + ": the planted site");
        }
        JsonNode differential = graphs.get("HTTP/2 against HTTP/1.1");
        assertEquals(differential.get("frames").asInt(), differential.get("compared").asInt(),
                "every frame of the differential graph coloured by its bytes per exchange");
    }

    private static List<String> names(JsonNode graphs) {
        List<String> names = new ArrayList<>();
        graphs.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> titles(JsonNode graphs, String graph) {
        List<String> titles = new ArrayList<>();
        graphs.get(graph).get("titles").forEach(title -> titles.add(title.asText()));
        return titles;
    }

    /**
     * Opens the page, waits for its flame graphs' frames to draw, hovers the first chart where there is one, and
     * checks that the page logged no error and requested nothing but itself.
     */
    private static JsonNode openAndCheck(Path page, Path screenshot, boolean hover) throws Exception {
        URI url = page.toUri();
        try (Chromium chromium = Chromium.start(Chromium.executable().orElseThrow(), WORK.resolve("chromium"))) {
            chromium.open(url);
            JsonNode drawn = chromium.evaluate(DRAWN);
            for (int wait = 0; wait < 100 && drawn.get("flamesDrawn").asInt() < drawn.get("flames").asInt(); wait++) {
                Thread.sleep(100);
                drawn = chromium.evaluate(DRAWN);
            }
            if (hover) {
                JsonNode box = chromium.evaluate("(() => { const r = document.querySelector('.chart .u-over')"
                        + ".getBoundingClientRect(); return {x: r.x + r.width * 0.75, y: r.y + r.height / 2}; })()");
                chromium.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved",
                        "x", box.get("x").asDouble(), "y", box.get("y").asDouble()));
                String tooltip = chromium.evaluate("document.querySelector('.chart .tooltip').textContent").asText();
                assertTrue(tooltip.contains("exchanges so far") && tooltip.contains("heap after GC")
                        && tooltip.contains("GC "), "hovering a point shows its GC, exchanges and bytes: " + tooltip);
            }
            ObjectNode graphs = JsonNodeFactory.instance.objectNode();
            chromium.evaluateInFrames(GRAPH).forEach(graph -> graphs.set(graph.get("title").asText(), graph));
            ((ObjectNode) drawn).set("graphs", graphs);
            chromium.screenshot(screenshot, drawn.get("height").asDouble());
            if (drawn.get("chartsBottom").asDouble() > 0) {
                chromium.screenshot(screenshot.resolveSibling(screenshot.getFileName().toString().replace(".png", "-overview.png")),
                        drawn.get("chartsBottom").asDouble());
            }
            List<String> requests = chromium.events("Network.requestWillBeSent").stream()
                    .map(request -> request.get("request").get("url").asText()).toList();
            List<JsonNode> errors = new ArrayList<>(chromium.events("Runtime.exceptionThrown"));
            chromium.events("Runtime.consoleAPICalled").stream()
                    .filter(call -> List.of("error", "assert", "warning").contains(call.get("type").asText())).forEach(errors::add);
            chromium.events("Log.entryAdded").stream()
                    .filter(entry -> List.of("error", "warning").contains(entry.get("entry").get("level").asText())).forEach(errors::add);
            assertEquals(List.of(), errors, "console errors and exceptions");
            assertEquals(List.of(url.toString()), requests, "the page requests nothing but itself");
            assertTrue(Files.size(screenshot) > 0);
            return drawn;
        }
    }
}
