package dev.httpmem.cli;

import dev.httpmem.analysis.LabelledSampleAnalysis;
import dev.httpmem.analysis.model.LabelledSamples;
import dev.httpmem.analysis.render.export.CollapsedStacks;
import dev.httpmem.analysis.render.export.OtlpProfiles;
import dev.httpmem.analysis.render.export.PprofProfile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Writes a recording's allocation samples (jdk.ObjectAllocationSample), and with --live its old-object",
                "samples (jdk.OldObjectSample: objects live when the recording stopped), for profilers and fleet",
                "backends, each sample with its whole stack and labelled with what it was allocated for, as",
                "'httpmem report' attributes it:",
                "  work       exchange, connection (a connection's work outside its exchanges: reading, parsing,",
                "             frames its streams share) or unattributed (outside every exchange's and connection's",
                "             work: startup, caches, the server's and the JDK's own threads; no other label)",
                "  protocol   HTTP/1.1 or HTTP/2: the exchange's, or the connection's latest exchange's",
                "  stack      the server stack that served the exchange: jetty, netty, tomcat, ...",
                "  endpoint   its method and path, as the report's endpoint table names them",
                "  stream     its HTTP/2 stream id (HTTP/2 exchanges only)",
                "  exchange   its id",
                "An exchange the agent wrote no event of (an h2c Upgrade request, which goes on as HTTP/2 stream 1; one",
                "still open when the recording stopped) is labelled by its work, protocol and id alone.",
                "",
                "Formats:",
                "  pprof      gzip'd profile.proto, as go tool pprof, Pyroscope and Grafana read it; sample types",
                "             alloc_samples/count and alloc_space/bytes (the default), and with --live",
                "             live_samples/count and live_space/bytes (the live objects' sizes, recorded by",
                "             JDK 22 and later; 0 before); labels as above, as strings",
                "  otlp       an OpenTelemetry profiles export request (ExportProfilesServiceRequest, profiles",
                "             v1development as of opentelemetry-proto 1.11.0), binary protobuf: one profile per",
                "             sample type above, the labels as sample attributes",
                "  collapsed  async-profiler's collapsed stacks, one line per distinct stack: a frame per label",
                "             (name=value) first, then the Java frames from the thread's first, then the allocated",
                "             class; the value is the sampled bytes, or with --live the live objects' samples",
                "             instead of the allocation",
                ""},
        footer = {
                "  httpmem export rec.jfr --format pprof -o alloc.pb.gz",
                "  go tool pprof -top -tagfocus protocol=HTTP/2 alloc.pb.gz           allocation of HTTP/2 exchanges, by function",
                "  go tool pprof -tags alloc.pb.gz                                     bytes per protocol, endpoint, stack, ...",
                "  httpmem export rec.jfr --format pprof --live -o live.pb.gz          with the objects still live",
                "  httpmem export rec.jfr --format otlp -o profiles.otlp.pb",
                "  httpmem export rec.jfr --format collapsed > alloc.collapsed         for flame graph tools"},
        exitCodeList = {"0:the export was written", Main.EXIT_STATUS_BAD_RECORDING + "; or it holds no samples",
                Main.EXIT_STATUS_USAGE + "; or a binary format would be written to a terminal"})
final class ExportCommand implements Callable<Integer> {

    /** The formats httpmem export writes, by the names --format takes. */
    enum Format {
        PPROF(true), OTLP(true), COLLAPSED(false);

        private final boolean binary;

        Format(boolean binary) {
            this.binary = binary;
        }

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        static final class Converter implements ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                return Arrays.stream(values()).filter(format -> format.flag().equals(value)).findFirst()
                        .orElseThrow(() -> new TypeConversionException("expected pprof, otlp or collapsed but was '"
                                + value + "'"));
            }
        }
    }

    /** What -o names standard output by. */
    private static final Path STANDARD_OUTPUT = Path.of("-");

    @Parameters(paramLabel = "REC.jfr", description = "The recording, or a JFR repository folder (with --salvage).")
    private Path recording;

    @Option(names = "--format", required = true, paramLabel = "pprof|otlp|collapsed", converter = Format.Converter.class,
            description = "The format to write (see above).")
    private Format format;

    @Option(names = "--live", description = "Write the old-object samples too (see the formats above).")
    private boolean live;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write to FILE, whole or not at all; '-' or none: standard output, which must not be a"
                    + " terminal for pprof and otlp.")
    private Path out;

    @Mixin
    private RecordingInput input;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        boolean toStandardOutput = out == null || out.equals(STANDARD_OUTPUT);
        if (toStandardOutput && format.binary && Terminal.console().isPresent()) {
            throw new CommandException(format.flag() + " is binary: name a file with -o FILE, or redirect standard"
                    + " output", Main.EXIT_USAGE);
        }
        Path file = toStandardOutput ? null : out;
        LabelledSamples samples = LabelledSampleAnalysis.read(recording, live, input.damagedChunks());
        switch (format) {
            case PPROF -> write(PprofProfile.encode(samples), file);
            case OTLP -> write(OtlpProfiles.encode(samples), file);
            case COLLAPSED -> Output.write(CollapsedStacks.format(samples), file, spec.commandLine().getOut());
        }
        return 0;
    }

    /** Writes {@code bytes} to {@code file}, or to standard output when it is null. */
    private static void write(byte[] bytes, Path file) {
        if (file != null) {
            Output.write(bytes, file);
            return;
        }
        PrintStream stdout = System.out;
        stdout.write(bytes, 0, bytes.length);
        stdout.flush();
        if (stdout.checkError()) {
            throw new CommandException("cannot write to standard output", Main.EXIT_DATA);
        }
    }
}
