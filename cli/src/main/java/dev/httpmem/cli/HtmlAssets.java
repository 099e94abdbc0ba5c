package dev.httpmem.cli;

import dev.httpmem.analysis.render.PageAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The HTML report's template, style and scripts, from the CLI's jar: its own under {@code html/} beside this class,
 * and uPlot's from its webjar (bundled in the jar), of the version the build put there.
 */
final class HtmlAssets {
    /** The webjar's Maven coordinates, which name the version its files are under. */
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private HtmlAssets() {
    }

    static PageAssets load() {
        Properties pom = new Properties();
        try {
            pom.load(new StringReader(resource(UPLOT_POM)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String uplot = "/META-INF/resources/webjars/uplot/" + pom.getProperty("version") + "/dist/";
        String units = resource("html/units.js");
        return new PageAssets(resource("html/page.html"), resource("html/page.css"), units + resource("html/page.js"),
                resource(uplot + "uPlot.iife.min.js"), resource(uplot + "uPlot.min.css"), units + resource("html/flame.js"));
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
