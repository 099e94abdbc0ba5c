package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.load.LoadDriver;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.EventNames;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** A stack version outside the supported range is left alone, with one log line, and the application runs on. */
class UnsupportedVersionIT {
    private static final int REQUESTS = 50;

    @Test
    void jetty94IsNotInstrumentedAndServesAsUsual() throws Exception {
        Path recording;
        String log;
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                Artifacts.exampleJar("jetty-9.4"), Artifacts.workDir("jetty-9.4"))) {
            LoadDriver.Result result = LoadDriver.run(LoadDriver.Protocol.HTTP_1_1,
                    URI.create("http://127.0.0.1:" + server.port() + "/body?size=1000"), REQUESTS, 4, done -> { });
            assertEquals(REQUESTS, result.ok(), "requests answered 200");
            recording = server.stop();
            log = Files.readString(server.log());
        }
        List<String> unsupported = log.lines().filter(line -> line.contains("[httpmem]") && line.contains("unsupported")).toList();
        assertEquals(1, unsupported.size(), "one log line:\n" + log);
        assertEquals(true, unsupported.get(0).contains("jetty: unsupported version"), unsupported.get(0));
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertEquals(0, events.stream().filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE)).count(), "exchanges");
        RecordedEvent statistics = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.AGENT_STATISTICS))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals(0, statistics.getLong(AgentStatisticsFields.SUPPRESSED_ERRORS));
    }
}
