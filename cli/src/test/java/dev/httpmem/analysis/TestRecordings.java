package dev.httpmem.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;

/** Writes recordings with events shaped like the agent's, declared here so tests need no agent. */
public final class TestRecordings {

    private TestRecordings() {
    }

    /** Records what {@code work} does, with httpmem events and every allocation sample. */
    public static Path record(Path file, Runnable work) {
        try (Recording recording = new Recording()) {
            recording.enable("httpmem.Exchange");
            recording.enable("httpmem.Slice");
            recording.enable("httpmem.AgentStatistics");
            recording.enable("httpmem.HeapCheckpoint");
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000000/s").withStackTrace();
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void exchange(String protocol, String method, String path, String outcome,
                                long allocatedBytes, long responseBodyBytes, int responseWrites) {
        Exchange event = new Exchange();
        event.protocol = protocol;
        event.stack = "jetty";
        event.method = method;
        event.path = path;
        event.status = 200;
        event.outcome = outcome;
        event.allocatedBytes = allocatedBytes;
        event.responseBodyBytes = responseBodyBytes;
        event.responseWrites = responseWrites;
        event.commit();
    }

    /** Runs {@code work} inside a slice of an exchange of {@code protocol} on the current thread. */
    public static void slice(String protocol, Runnable work) {
        Slice slice = new Slice();
        slice.protocol = protocol;
        slice.kind = "handle";
        slice.begin();
        work.run();
        slice.commit();
    }

    public static void agentStatistics(long suppressedErrors, long untracked, long exchangesOpen) {
        AgentStatistics event = new AgentStatistics();
        event.agentVersion = "0.1.0-test";
        event.stacks = "jetty";
        event.suppressedErrors = suppressedErrors;
        event.untracked = untracked;
        event.exchangesOpen = exchangesOpen;
        event.commit();
    }

    public static void heapCheckpoint(long heapUsed, long http1Exchanges, long http2Exchanges) {
        HeapCheckpoint event = new HeapCheckpoint();
        event.heapUsed = heapUsed;
        event.http1Exchanges = http1Exchanges;
        event.http2Exchanges = http2Exchanges;
        event.commit();
    }

    @Name("httpmem.Exchange")
    @Category("HTTP Memory")
    static final class Exchange extends Event {
        long exchangeId;
        String protocol;
        String stack;
        long connectionId;
        long streamId;
        String method;
        String path;
        int status;
        String outcome;
        long requestBodyBytes;
        long responseBodyBytes;
        int responseWrites;
        long allocatedBytes;
    }

    @Name("httpmem.Slice")
    @Category("HTTP Memory")
    static final class Slice extends Event {
        long exchangeId;
        String protocol;
        long streamId;
        String kind;
        long allocatedBytes;
    }

    @Name("httpmem.AgentStatistics")
    @Category("HTTP Memory")
    static final class AgentStatistics extends Event {
        String agentVersion;
        String stacks;
        long exchangesStarted;
        long exchangesEnded;
        long exchangesOpen;
        long suppressedErrors;
        long untracked;
    }

    /** The fields the live analysis reads of the checkpoint event another part of the agent emits. */
    @Name("httpmem.HeapCheckpoint")
    @Category("HTTP Memory")
    static final class HeapCheckpoint extends Event {
        long heapUsed;
        long http1Exchanges;
        long http2Exchanges;
    }
}
