package dev.httpmem.cli;

import dev.httpmem.analysis.ReportAnalysis;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.render.HtmlReport;
import dev.httpmem.analysis.render.ReportJson;
import dev.httpmem.analysis.render.ReportText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Reports allocation per protocol, endpoint and allocation site of a recording made with the agent.",
                "Allocation samples are attributed to the exchange whose work was running on their thread at the time."},
        footer = {
                "  httpmem report rec.jfr",
                "  httpmem report --json --out report.json rec.jfr",
                "  httpmem report --html report.html rec.jfr       # also a page with flame graphs, to open in a browser",
                "  httpmem report --salvage /tmp/2026_11_28_22_12_58_16504     # the JFR repository a killed JVM left"},
        exitCodeList = {"0:the report was written", Main.EXIT_STATUS_BAD_RECORDING, Main.EXIT_STATUS_USAGE})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REC.jfr", description = "The recording, or a JFR repository folder (with --salvage).")
    private Path recording;

    @Mixin
    private ReportOutput output;

    @Mixin
    private RecordingInput input;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + ReportAnalysis.DEFAULT_TOP_SITES,
            description = "Allocation sites to show per protocol (default: ${DEFAULT-VALUE}).")
    private int top;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new ParameterException(spec.commandLine(), "--top must not be negative: " + top);
        }
        output.checkWritable();
        Report report = ReportAnalysis.analyze(recording, top, input.damagedChunks(),
                output.page() ? FlameStacks.Collected.ALLOCATION : FlameStacks.Collected.NONE);
        output.write(() -> ReportJson.toJson(report), () -> ReportText.format(report),
                assets -> HtmlReport.report(report, assets), spec.commandLine());
        return 0;
    }
}
