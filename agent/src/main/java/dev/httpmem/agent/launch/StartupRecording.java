package dev.httpmem.agent.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.Recording;

/**
 * The recording {@code out=PATH} starts: everything the CLI's analysis reads. JFR itself writes it to PATH when
 * the recording stops, which its shutdown hook does on exit and on SIGTERM.
 */
final class StartupRecording {
    private StartupRecording() {}

    static Recording start(Path out) throws IOException {
        Recording recording = new Recording(settings());
        recording.setName("httpmem");
        recording.setToDisk(true);
        recording.setDestination(out.toAbsolutePath());
        recording.start();
        return recording;
    }

    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String event : new String[] {"Exchange", "Slice", "FrameWrite", "BodyWrite", "AgentStatistics", "HeapCheckpoint", "Retention", "OpenExchange"}) {
            settings.put("httpmem." + event + "#enabled", "true");
        }
        settings.put("httpmem.AgentStatistics#period", "everyChunk");
        settings.put("jdk.ObjectAllocationSample#enabled", "true");
        settings.put("jdk.ObjectAllocationSample#stackTrace", "true");
        settings.put("jdk.ObjectAllocationSample#throttle", "1000/s");
        settings.put("jdk.OldObjectSample#enabled", "true");
        settings.put("jdk.OldObjectSample#stackTrace", "true");
        settings.put("jdk.OldObjectSample#cutoff", "infinity");
        for (String event : new String[] {"jdk.GCHeapSummary", "jdk.GarbageCollection", "jdk.G1HeapSummary",
                "jdk.PSHeapSummary", "jdk.YoungGarbageCollection", "jdk.OldGarbageCollection",
                "jdk.MetaspaceSummary", "jdk.GCConfiguration", "jdk.JVMInformation"}) {
            settings.put(event + "#enabled", "true");
        }
        settings.put("jdk.JVMInformation#period", "beginChunk");
        settings.put("jdk.GCConfiguration#period", "beginChunk");
        return settings;
    }
}
