package dev.httpmem.cli;

import dev.httpmem.analysis.RetentionAnalysis;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.render.DiffText;
import dev.httpmem.analysis.render.HtmlReport;
import dev.httpmem.analysis.render.RetentionJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff",
        mixinStandardHelpOptions = true,
        // The options are listed below; spelled out, the synopsis would wrap in the middle of REC.jfr.
        abbreviateSynopsis = true,
        versionProvider = Main.Version.class,
        description = {
                "Compares what HTTP/1.1 and HTTP/2 exchanges leave reachable.",
                "",
                "In one recording holding both protocols (at once or one after the other), or in",
                "two (an HTTP/1.1 run and an HTTP/2 run, or before and after a fix).",
                "",
                "The numbers:",
                "  HEAP/EXCH   bytes each exchange leaves reachable: the slope of the heap",
                "              after GC against the protocol's cumulative exchanges (least",
                "              squares, one intercept per phase of constant protocol mix,",
                "              the first 20%% of each phase dropped as warm-up, and one",
                "              more after each one-off step of the heap within a phase),",
                "              with its 95%% interval. A protocol retains when the interval",
                "              lies above 16 B/exchange.",
                "  HEAP/RESPONSE-KiB  the same per KiB of response body.",
                "  DIRECT/EXCH, RSS/EXCH  the same for NIO direct memory and process RSS.",
                "  ALLOC/EXCH  bytes allocated per exchange, exact, for scale.",
                "  Retained sites  objects still live at the end (jdk.OldObjectSample), by the",
                "              exchange whose work allocated them, with the reference chain",
                "              from a GC root.",
                "",
                "Record a good run: force a full GC every N exchanges, so that each checkpoint",
                "sees only live objects; keep more old-object samples; send at least 10,000",
                "requests per protocol:",
                "  java -javaagent:httpmem-agent.jar=out=rec.jfr,gc-every=500 \\",
                "       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar server.jar",
                "  httpmem load http://localhost:8080/ --protocol both -n 10000",
                "  (stop the server, then)  httpmem diff rec.jfr",
                ""},
        footer = {
                "  httpmem diff rec.jfr                            one recording with both protocols",
                "  httpmem diff leaky.jfr clean.jfr                before and after a fix (or an HTTP/1.1 run and an HTTP/2 run)",
                "  httpmem diff --fail-on-retention 64 rec.jfr     in CI: fail when a protocol retains more than 64 B/exchange",
                "  httpmem diff --html diff.html rec.jfr           also a page: heap against exchanges, flame graphs"},
        exitCodeList = {"0:the comparison was written (and no protocol exceeds --fail-on-retention)",
                Main.EXIT_STATUS_BAD_RECORDING, Main.EXIT_STATUS_USAGE,
                Main.EXIT_RETENTION + ":a protocol retains more than --fail-on-retention BYTES per exchange, with 95%% confidence"})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REC.jfr",
            description = "A recording with both protocols, or the first of two to compare.")
    private Path recording;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OTHER.jfr", description = "The second recording to compare.")
    private Path other;

    @Mixin
    private ReportOutput output;

    @Mixin
    private RecordingInput input;

    @Option(names = "--fail-on-retention", paramLabel = "BYTES",
            description = "Exit with status 3 when a protocol retains, with 95%% confidence, more than BYTES per"
                    + " exchange (its interval's lower bound is above BYTES).")
    private Double failOnRetention;

    @Option(names = "--label", paramLabel = "NAME",
            description = "What to call each recording, once per recording in their order (default: as much of their"
                    + " paths as tells them apart): --label leaky --label clean.")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + RetentionAnalysis.DEFAULT_TOP,
            description = "Retained sites per protocol, and allocation differences, to show (default: ${DEFAULT-VALUE}).")
    private int top;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new ParameterException(spec.commandLine(), "--top must not be negative: " + top);
        }
        if (failOnRetention != null && (failOnRetention.isNaN() || failOnRetention < 0)) {
            throw new ParameterException(spec.commandLine(), "--fail-on-retention must be bytes, 0 or more: " + failOnRetention);
        }
        List<Path> recordings = other == null ? List.of(recording) : List.of(recording, other);
        if (!labels.isEmpty() && labels.size() != recordings.size()) {
            throw new ParameterException(spec.commandLine(), "--label once per recording: " + labels.size()
                    + " labels for " + recordings.size() + " recordings");
        }
        if (labels.stream().anyMatch(String::isBlank) || Set.copyOf(labels).size() != labels.size()) {
            throw new ParameterException(spec.commandLine(), "--label names must be distinct and not blank: " + labels);
        }
        output.checkWritable();
        RetentionReport report = RetentionAnalysis.analyze(recordings, labels, top, input.damagedChunks(),
                output.page() ? FlameStacks.Collected.ALLOCATION_AND_LIVE : FlameStacks.Collected.NONE);
        output.write(() -> RetentionJson.toJson(report), () -> DiffText.format(report),
                assets -> HtmlReport.diff(report, assets), spec.commandLine());
        if (failOnRetention != null && report.exceeds(failOnRetention)) {
            throw new CommandException(String.format(Locale.ROOT,
                    "retention above %.0f B/exchange: %s", failOnRetention, report.verdict()), Main.EXIT_RETENTION);
        }
        return 0;
    }
}
