package dev.httpmem.cli;

import dev.httpmem.analysis.render.PageAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML report's template, style and scripts, from the CLI's jar: its own under {@code html/} beside this class,
 * and uPlot's from its webjar (bundled in the jar).
 */
final class HtmlAssets {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private HtmlAssets() {
    }

    static PageAssets load() {
        return new PageAssets(resource("html/page.html"), resource("html/page.css"), resource("html/page.js"),
                resource(UPLOT + "uPlot.iife.min.js"), resource(UPLOT + "uPlot.min.css"), resource("html/flame.js"));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the httpmem jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
