package dev.httpmem.agent.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

class AgentRecordingsTest {
    /** What bench/overhead.sh records as the JDK's part of the agent's recording. */
    private static final Path JDK_EVENTS = Paths.get("..", "bench", "httpmem-jdk-events.jfc");

    @Test
    void theBenchmarksJdkEventsAreTheRecordingsJdkEvents() throws Exception {
        Map<String, String> jdkSettings = new TreeMap<>();
        AgentRecordings.settings().forEach((key, value) -> {
            if (key.startsWith("jdk.")) {
                jdkSettings.put(key, value);
            }
        });
        assertEquals(jdkSettings, new TreeMap<>(Configuration.create(JDK_EVENTS).getSettings()));
    }
}
