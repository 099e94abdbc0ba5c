package dev.httpmem.cli;

import dev.httpmem.analysis.render.PageAssets;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --json}, {@code --out} and {@code --html} options of a command that prints one report. */
final class ReportOutput {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, whole or not at all, instead of standard output.")
    private Path out;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one HTML page to FILE, whole or"
            + " not at all: charts and flame graphs, everything inlined, so that it opens offline.")
    private Path html;

    /** Fails now, before the analysis, when the page cannot be written where {@code --html} says. */
    void checkWritable() {
        if (html != null) {
            Output.whyUnwritable(html).ifPresent(reason -> {
                throw new CommandException("cannot write --html " + html + ": " + reason, Main.EXIT_DATA);
            });
        }
    }

    /** Whether a page is asked for: only then do the analyses collect what its flame graphs draw. */
    boolean page() {
        return html != null;
    }

    void write(Supplier<String> asJson, Supplier<String> asText, Function<PageAssets, String> asHtml,
               CommandLine command) {
        if (html != null) {
            Output.write(asHtml.apply(HtmlAssets.load()), html, command.getOut());
        }
        Output.write(json ? asJson.get() : asText.get(), out, command.getOut());
    }
}
