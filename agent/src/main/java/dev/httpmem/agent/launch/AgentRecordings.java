package dev.httpmem.agent.launch;

import dev.httpmem.schema.EventNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.httpmem.agent.runtime.Slices;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings httpmem starts, by name: {@code httpmem} ({@code out=} at startup or by {@code httpmem attach})
 * and those {@code httpmem watch --out} starts. Each records everything the CLI's analysis reads, and JFR itself
 * writes it to its file when it stops: at {@code stop}, after its duration, or on exit (also on SIGTERM).
 * Starting a name that is running changes nothing, so a second attach is harmless.
 */
final class AgentRecordings {
    private static final Map<String, Recording> RECORDINGS = new HashMap<>();
    /** The thread JFR writes its recordings' files in at exit (JDK 17 to 25). */
    private static final String JFR_SHUTDOWN_HOOK = "JFR Shutdown Hook";
    private static final long FIND_JFR_HOOK_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger("[httpmem]");
    private static boolean exitCheckRegistered;

    private AgentRecordings() {}

    static synchronized AttachStatus start(String name, Path out, Duration duration) throws IOException {
        Recording known = RECORDINGS.get(name);
        if (known != null && known.getState() == RecordingState.RUNNING) {
            return new AttachStatus(AttachStatus.State.RUNNING, "already recording '" + name + "' to "
                    + known.getDestination() + " since " + known.getStartTime().truncatedTo(ChronoUnit.SECONDS)
                    + (known.getDuration() == null ? "" : " for " + known.getDuration().toSeconds() + " s")
                    + "; nothing changed");
        }
        if (known != null) {
            known.close(); // stopped after its duration; its file is written, its repository data is not needed
        }
        Recording recording = new Recording(settings());
        recording.setName(name);
        recording.setToDisk(true);
        recording.setDestination(out.toAbsolutePath());
        if (duration != null) {
            recording.setDuration(duration);
        }
        recording.start();
        RECORDINGS.put(name, recording);
        if (!exitCheckRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(AgentRecordings::checkWrittenAtExit, "httpmem-recording-check"));
            exitCheckRegistered = true;
        }
        // JFR sets this once it writes to disk: where a killed JVM leaves what it recorded.
        String repository = System.getProperty("jdk.jfr.repository");
        return new AttachStatus(AttachStatus.State.STARTED, "recording '" + name + "' to " + out.toAbsolutePath()
                + (duration == null ? "" : " for " + duration.toSeconds() + " s")
                + (repository == null ? "" : "; should the JVM be killed, httpmem report --salvage " + repository
                + " reads what it recorded"));
    }

    /** @param out where to write instead of the file named at start, or null */
    static synchronized AttachStatus stop(String name, Path out) throws IOException {
        Recording recording = RECORDINGS.remove(name);
        if (recording == null || recording.getState() != RecordingState.RUNNING) {
            String last = recording == null ? "" : "; the last one wrote " + recording.getDestination()
                    + " at " + stopTime(recording);
            if (recording != null) {
                recording.close();
            }
            return new AttachStatus(AttachStatus.State.FAILED, "no recording '" + name + "' is running" + last);
        }
        if (out != null) {
            recording.setDestination(out.toAbsolutePath());
        }
        Path written = recording.getDestination();
        try {
            recording.stop();
            if (recording.getState() != RecordingState.CLOSED) {
                return new AttachStatus(AttachStatus.State.FAILED, notWritten(name, written));
            }
        } finally {
            recording.close();
        }
        return new AttachStatus(AttachStatus.State.STOPPED, "wrote " + written + " (" + Files.size(written) + " bytes)");
    }

    /**
     * At exit, JFR writes each running recording to its file in its own shutdown hook, and closes it once written. When
     * the write fails (a full disk) JDK 17 says nothing and JDK 25 one line that names no file, and either leaves what it
     * wrote: this hook waits for JFR's, says which recording was not written and where, and removes the partial file.
     */
    private static void checkWrittenAtExit() {
        Map<String, Recording> recordings;
        synchronized (AgentRecordings.class) {
            recordings = new HashMap<>(RECORDINGS);
        }
        awaitJfrShutdownHook(recordings.values());
        recordings.forEach((name, recording) -> {
            RecordingState state = recording.getState();
            Path destination = recording.getDestination();
            // Still running: JFR's hook did not run (it was never installed, or the JVM halts); stopped but not
            // closed: it ran and could not write the file.
            if (destination != null && state == RecordingState.STOPPED) {
                LOG.warn(notWritten(name, destination));
            }
        });
    }

    /** Says that {@code name} was not written to {@code destination}, having removed what of it was. */
    private static String notWritten(String name, Path destination) {
        String removed = "";
        try {
            // A regular file only: the destination may be a device (/dev/full), which is no partial recording.
            if (Files.isRegularFile(destination) && Files.deleteIfExists(destination)) {
                removed = "; removed the partial file";
            }
        } catch (IOException e) {
            removed = "; could not remove the partial file: " + e;
        }
        return "could not write recording '" + name + "' to " + destination + ": JFR failed writing it (is the disk full?)"
                + removed + "; what it recorded is lost";
    }

    /** Returns once JFR's hook ended, or at once when {@code recordings} are all written (closed). */
    private static void awaitJfrShutdownHook(Collection<Recording> recordings) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIND_JFR_HOOK_MILLIS);
        while (System.nanoTime() < deadline) {
            if (recordings.stream().allMatch(r -> r.getState() == RecordingState.CLOSED)) {
                return;
            }
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (JFR_SHUTDOWN_HOOK.equals(thread.getName())) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            try {
                Thread.sleep(10); // the shutdown hooks are started one after another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Instant stopTime(Recording recording) {
        Instant stop = recording.getStopTime();
        return stop == null ? null : stop.truncatedTo(ChronoUnit.SECONDS);
    }

    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String event : new String[] {EventNames.EXCHANGE, EventNames.SLICE, EventNames.AGENT_STATISTICS,
                EventNames.ALLOCATION_TOTALS, EventNames.HEAP_CHECKPOINT, EventNames.RETENTION, EventNames.OPEN_EXCHANGE,
                EventNames.IDLE_CONNECTION, EventNames.LEAKED_CONNECTION}) {
            settings.put(event + "#enabled", "true");
        }
        // Frame and body writes are measured on their own only with detail=all.
        settings.put(EventNames.FRAME_WRITE + "#enabled", String.valueOf(Slices.everySlice()));
        settings.put(EventNames.BODY_WRITE + "#enabled", String.valueOf(Slices.everySlice()));
        settings.put(EventNames.AGENT_STATISTICS + "#period", "everyChunk");
        settings.put(EventNames.ALLOCATION_TOTALS + "#period", "1 s");
        settings.put("jdk.ObjectAllocationSample#enabled", "true");
        settings.put("jdk.ObjectAllocationSample#stackTrace", "true");
        // JFR's profile setting. Each sample walks the allocating thread's stack: at 1,000/s the recording cost the
        // Jetty example's h2c requests about 5% more CPU than at 150/s (servers side by side, settings differing in
        // this throttle only), and the report's site tables need hundreds of samples a second, not thousands.
        settings.put("jdk.ObjectAllocationSample#throttle", "300/s");
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
