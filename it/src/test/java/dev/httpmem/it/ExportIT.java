package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.analysis.render.export.PprofFile;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.load.LoadDriver;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.profiles.v1development.KeyValueAndUnit;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ProfilesDictionary;
import io.opentelemetry.proto.profiles.v1development.Sample;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * httpmem export of a real recording: Jetty with the agent, HTTP/1.1 and HTTP/2 (h2c) requests, its HTTP/2
 * exchanges keeping their response bodies (h2-body-retention, leaky). Each format is read back (pprof by protobuf's
 * parser, OTLP by OpenTelemetry's generated classes, collapsed stacks as text) and its bytes per protocol, per work
 * outside exchanges and in all compared with what {@code httpmem report --json} says of the same recording: equal,
 * as both attribute the same samples; the labels name the report's endpoints and stacks, HTTP/2 streams only on
 * HTTP/2.
 */
class ExportIT {
    private static final int REQUESTS = 2_000;
    private static Path recording;
    private static JsonNode report;

    @BeforeAll
    static void record() throws Exception {
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "log=info,gc-every=500", Artifacts.exampleJar("jetty"), List.of("--scenario", "h2-body-retention", "--leaky"),
                Artifacts.workDir("export"))) {
            String base = "http://127.0.0.1:" + server.port();
            String body = "/body?size=" + Bodies.DEFAULT_SIZE;
            assertEquals(REQUESTS, LoadDriver.run(LoadDriver.Protocol.HTTP_1_1, URI.create(base + body), REQUESTS, 8,
                    done -> { }).ok(), "HTTP/1.1 responses");
            assertEquals(REQUESTS, Clients.send(Protocol.H2C_UPGRADE, base, body, REQUESTS, 8), "HTTP/2 responses");
            recording = server.stop();
        }
        HttpmemCli.Result result = HttpmemCli.report(recording);
        assertEquals(0, result.exitCode(), result.err());
        report = result.json();
    }

    @Test
    void pprofHoldsTheReportsSampledBytesPerProtocolLabelledWithTheReportsEndpointsAndStacks() throws Exception {
        Set<String> eventless = new HashSet<>();
        PprofFile profile = PprofFile.parse(export("pprof", "alloc.pb.gz"));
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes"), profile.sampleTypes());
        assertEquals("alloc_space", profile.defaultSampleType());
        Map<String, Long> bytes = new TreeMap<>();
        for (PprofFile.Sample sample : profile.samples()) {
            assertLabelledAsTheReportNamesIt(sample.labels(), eventless);
            bytes.merge(key(sample.labels()), sample.values().get(1), Long::sum);
            assertFalse(sample.frames().isEmpty(), "the allocated class at least");
        }
        assertEquals(reportedBytes(), bytes);
        assertFewerEventlessThanTheAgentSaw(eventless);
    }

    @Test
    void livePprofLabelsTheRetainedBodiesWithTheirHttp2Exchanges() throws Exception {
        Set<String> eventless = new HashSet<>();
        PprofFile profile = PprofFile.parse(export("pprof", "live.pb.gz", "--live"));
        assertEquals(List.of("alloc_samples/count", "alloc_space/bytes", "live_samples/count", "live_space/bytes"),
                profile.sampleTypes());
        long liveHttp2 = 0;
        Map<String, Long> allocated = new TreeMap<>();
        for (PprofFile.Sample sample : profile.samples()) {
            assertLabelledAsTheReportNamesIt(sample.labels(), eventless);
            allocated.merge(key(sample.labels()), sample.values().get(1), Long::sum);
            if (sample.values().get(2) > 0 && "HTTP/2".equals(sample.labels().get("protocol"))
                    && "exchange".equals(sample.labels().get("work"))) {
                liveHttp2 += sample.values().get(2);
            }
        }
        allocated.values().removeIf(value -> value == 0);
        assertEquals(reportedBytes(), allocated, "the allocation as without --live");
        assertTrue(liveHttp2 > 0, "live objects of HTTP/2 exchanges: the bodies they keep");
        assertFewerEventlessThanTheAgentSaw(eventless);
    }

    @Test
    void otlpHoldsTheSameInAProfilePerSampleType() throws Exception {
        Set<String> eventless = new HashSet<>();
        ExportProfilesServiceRequest request = ExportProfilesServiceRequest.parseFrom(export("otlp", "profiles.otlp.pb"));
        ProfilesDictionary dictionary = request.getDictionary();
        List<Profile> profiles = request.getResourceProfiles(0).getScopeProfiles(0).getProfilesList();
        assertEquals(List.of("alloc_samples", "alloc_space"), profiles.stream()
                .map(p -> dictionary.getStringTable(p.getSampleType().getTypeStrindex())).toList());
        Map<String, Long> bytes = new TreeMap<>();
        for (Sample sample : profiles.get(1).getSamplesList()) {
            Map<String, String> labels = new HashMap<>();
            for (int index : sample.getAttributeIndicesList()) {
                KeyValueAndUnit attribute = dictionary.getAttributeTable(index);
                labels.put(dictionary.getStringTable(attribute.getKeyStrindex()), attribute.getValue().getStringValue());
            }
            assertLabelledAsTheReportNamesIt(labels, eventless);
            bytes.merge(key(labels), sample.getValues(0), Long::sum);
        }
        assertEquals(reportedBytes(), bytes);
        assertFewerEventlessThanTheAgentSaw(eventless);
    }

    @Test
    void collapsedStacksBeginWithTheLabelsAndAddUpToTheReportsBytes() throws Exception {
        Set<String> eventless = new HashSet<>();
        String text = new String(export("collapsed", "alloc.collapsed"), StandardCharsets.UTF_8);
        Map<String, Long> bytes = new TreeMap<>();
        for (String line : text.lines().toList()) {
            int space = line.lastIndexOf(' ');
            Map<String, String> labels = new HashMap<>();
            for (String frame : line.substring(0, space).split(";")) {
                int equals = frame.indexOf('=');
                if (equals > 0 && Stream.of("work", "protocol", "stack", "endpoint", "stream", "exchange")
                        .anyMatch(frame.substring(0, equals)::equals)) {
                    labels.put(frame.substring(0, equals), frame.substring(equals + 1));
                }
            }
            assertLabelledAsTheReportNamesIt(labels, eventless);
            bytes.merge(key(labels), Long.parseLong(line.substring(space + 1)), Long::sum);
        }
        assertEquals(reportedBytes(), bytes);
        assertFewerEventlessThanTheAgentSaw(eventless);
    }

    /** Where Go is installed: its pprof reads the profile and ranks its functions. */
    @Test
    void goToolPprofReadsIt() throws Exception {
        Path go = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "go")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(go != null, "go is not installed (apt-get install golang-go)");
        Path profile = Artifacts.workDir("export").resolve("alloc.pb.gz");
        Files.write(profile, export("pprof", "for-go.pb.gz"));
        Process pprof = new ProcessBuilder(go.toString(), "tool", "pprof", "-top", "-tagfocus=protocol=HTTP/2",
                profile.toString()).redirectErrorStream(true).start();
        String output = new String(pprof.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pprof.waitFor(120, TimeUnit.SECONDS), "go tool pprof finished");
        assertEquals(0, pprof.exitValue(), output);
        assertTrue(output.contains("flat%") && output.contains("Type: alloc_space"), output);
    }

    /** Runs httpmem export in {@code format} to a file and returns what it wrote. */
    private static byte[] export(String format, String file, String... options) throws Exception {
        Path out = Artifacts.workDir("export").resolve(file);
        String[] args = Stream.concat(Stream.of("export", recording.toString(), "--format", format, "-o", out.toString()),
                Stream.of(options)).toArray(String[]::new);
        HttpmemCli.Result result = HttpmemCli.run(args);
        assertEquals(new HttpmemCli.Result(0, "", ""), result);
        return Files.readAllBytes(out);
    }

    /** The exchanges labelled without an event of theirs are at most those the agent began and wrote no event of. */
    private static void assertFewerEventlessThanTheAgentSaw(Set<String> eventless) {
        long reported = 0;
        for (JsonNode protocol : report.get("protocols")) {
            reported += protocol.get("exchanges").asLong();
        }
        long withoutEvent = report.get("agent").get("exchangesStarted").asLong() - reported;
        assertTrue(eventless.size() <= withoutEvent, () -> eventless + ": the agent began " + withoutEvent
                + " exchanges more than it wrote events of");
    }

    /** What a sample's bytes are counted under: the protocol of an exchange's work, else the work. */
    private static String key(Map<String, String> labels) {
        return "exchange".equals(labels.get("work")) ? labels.get("protocol") : labels.get("work");
    }

    /** The report's sampled bytes, by protocol for exchanges' work, then connection work and unattributed. */
    private static Map<String, Long> reportedBytes() {
        Map<String, Long> bytes = new TreeMap<>();
        for (JsonNode protocol : report.get("protocols")) {
            if (protocol.get("sampledBytes").asLong() > 0) {
                bytes.put(protocol.get("protocol").asText(), protocol.get("sampledBytes").asLong());
            }
        }
        JsonNode samples = report.get("allocationSamples");
        bytes.put("connection", samples.get("connectionWorkBytes").asLong());
        bytes.put("unattributed", samples.get("unattributedBytes").asLong());
        assertEquals(samples.get("bytes").asLong(), bytes.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(Set.of("HTTP/1.1", "HTTP/2", "connection", "unattributed"), bytes.keySet());
        return bytes;
    }

    /**
     * Exchanges' samples name one of the report's endpoints and stacks, and a stream exactly on HTTP/2, or, for an
     * exchange the agent wrote no event of, neither (its id is added to {@code eventless}); the others no exchange.
     */
    private static void assertLabelledAsTheReportNamesIt(Map<String, String> labels, Set<String> eventless) {
        Set<String> endpoints = new HashSet<>();
        report.get("endpoints").forEach(e -> endpoints.add(e.get("method").asText() + " " + e.get("path").asText()));
        Set<String> stacks = new HashSet<>();
        report.get("exchangesByStack").fieldNames().forEachRemaining(stacks::add);
        switch (labels.get("work")) {
            case "exchange" -> {
                assertTrue(Long.parseLong(labels.get("exchange")) > 0, labels::toString);
                if (!labels.containsKey("endpoint") && !labels.containsKey("stack")) {
                    // An h2c Upgrade request: it goes on as HTTP/2 stream 1, and the agent writes no event of it.
                    assertEquals("HTTP/1.1", labels.get("protocol"), labels::toString);
                    eventless.add(labels.get("exchange"));
                    return;
                }
                assertTrue(endpoints.contains(labels.get("endpoint")), () -> labels + " among " + endpoints);
                assertTrue(stacks.contains(labels.get("stack")), () -> labels + " among " + stacks);
                if (labels.get("protocol").equals("HTTP/2")) {
                    assertEquals(1, Long.parseLong(labels.get("stream")) % 2, () -> "a client's stream: " + labels);
                } else {
                    assertEquals("HTTP/1.1", labels.get("protocol"));
                    assertFalse(labels.containsKey("stream"), labels::toString);
                }
            }
            case "connection" -> assertFalse(labels.containsKey("exchange") || labels.containsKey("endpoint"), labels::toString);
            case "unattributed" -> assertEquals(Set.of("work"), labels.keySet());
            default -> throw new AssertionError("work: " + labels);
        }
    }
}
