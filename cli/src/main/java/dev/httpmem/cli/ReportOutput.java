package dev.httpmem.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --json} and {@code --out} options of a command that prints one report. */
final class ReportOutput {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, whole or not at all, instead of standard output.")
    private Path out;

    void write(Supplier<String> asJson, Supplier<String> asText, CommandLine command) {
        Output.write(json ? asJson.get() : asText.get(), out, command.getOut());
    }
}
