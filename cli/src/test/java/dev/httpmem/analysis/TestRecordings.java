package dev.httpmem.analysis;

import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.AllocationTotalsFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import dev.httpmem.schema.RetentionFields;
import dev.httpmem.schema.SliceFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;

/** Writes recordings with events shaped like the agent's, declared here so tests need no agent. */
public final class TestRecordings {
    public static final int BODY = 90 * 1024;
    /**
     * Not final: a JIT compiling code that folds a final field's object holds it by a JNI handle, and the JDK's
     * root search may then report that compiler thread as its GC root instead of this field.
     */
    @SuppressWarnings("FieldMayBeFinal")
    static List<Object> RETAINED = new ArrayList<>();
    static volatile Object sink;

    private TestRecordings() {
    }

    /** Records what {@code work} does, with httpmem events and every allocation sample. */
    public static Path record(Path file, Runnable work) {
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.EXCHANGE);
            recording.enable(EventNames.SLICE);
            recording.enable(EventNames.AGENT_STATISTICS);
            recording.enable(EventNames.ALLOCATION_TOTALS);
            recording.enable(EventNames.HEAP_CHECKPOINT);
            recording.enable(EventNames.RETENTION);
            recording.enable(EventNames.OPEN_EXCHANGE);
            recording.enable(EventNames.IDLE_CONNECTION);
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000000/s").withStackTrace();
            recording.enable("jdk.OldObjectSample").with("cutoff", "infinity").withStackTrace();
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records what {@code work} does {@code chunks} times, each time in a chunk of its own. */
    public static Path recordInChunks(Path file, int chunks, Runnable work) {
        return record(file, () -> {
            for (int i = 0; i < chunks; i++) {
                if (i > 0) {
                    // Starting a recording makes JFR begin a new chunk for all of them.
                    try (Recording rotation = new Recording()) {
                        rotation.start();
                    }
                }
                work.run();
            }
        });
    }

    /**
     * HTTP/1.1 then HTTP/2, 30 forced checkpoints each, 500 exchanges apart, heap noise 50 KB; HTTP/2 retains
     * {@code h2BytesPerExchange} and its first use raises the heap by 5 MB once. HTTP/2 slices keep 64 KiB
     * arrays in {@link #RETAINED}; HTTP/1.1 slices make garbage. The tracker's last GC holds two HTTP/2 counts.
     */
    public static Path leakyRun(Path file, long h2BytesPerExchange) {
        // The JVM's old-object queue outlives recordings: free it of an earlier run's samples.
        RETAINED.clear();
        System.gc();
        return record(file, () -> {
            Random random = new Random(11);
            long[] exchanges = new long[2];
            for (int i = 0; i < 30; i++) {
                exchanges[0] += 500;
                heapCheckpoint(true, 50_000_000 + Math.round(50_000 * random.nextGaussian()), exchanges.clone(),
                        new long[] {exchanges[0] * BODY, 0});
            }
            retention("HTTP/1.1", "org.example.Request", false, 3, 100);
            for (int i = 0; i < 30; i++) {
                exchanges[1] += 500;
                heapCheckpoint(true, 55_000_000 + h2BytesPerExchange * exchanges[1]
                        + Math.round(50_000 * random.nextGaussian()), exchanges.clone(),
                        new long[] {exchanges[0] * BODY, exchanges[1] * BODY});
            }
            retention("HTTP/2", "org.example.Stream", true, 5, 50);
            retention("HTTP/2", "org.example.Stream", false, 40, 80);
            for (int i = 0; i < 200; i++) {
                slice("HTTP/2", () -> RETAINED.add(new byte[64 * 1024]));
                slice("HTTP/1.1", () -> sink = new byte[64 * 1024]);
                exchange("HTTP/1.1", "GET", "/body", "completed", 100_000, BODY, 2);
                exchange("HTTP/2", "GET", "/body", "completed", 120_000, BODY, 7);
            }
            System.gc(); // the JDK writes old-object samples only of objects that lived through a GC
        });
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

    /**
     * Exchange {@code id} of {@code protocol} on HTTP/2 stream {@code streamId} (for HTTP/1.1, the request's number on
     * its connection), served by Jetty:
     * {@code work} run inside a slice of it on the current thread, then its event.
     */
    public static void exchange(long id, String protocol, long streamId, String method, String path, Runnable work) {
        Slice slice = new Slice();
        slice.exchangeId = id;
        slice.protocol = protocol;
        slice.streamId = streamId;
        slice.kind = "handle";
        slice.begin();
        work.run();
        slice.commit();
        Exchange event = new Exchange();
        event.exchangeId = id;
        event.protocol = protocol;
        event.streamId = streamId;
        event.stack = "jetty";
        event.method = method;
        event.path = path;
        event.status = 200;
        event.outcome = "completed";
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

    /** Runs {@code work} inside a slice of a connection's own work, outside its exchanges, of {@code protocol}. */
    public static void connectionWork(String protocol, Runnable work) {
        Slice slice = new Slice();
        slice.protocol = protocol;
        slice.kind = "connection";
        slice.begin();
        work.run();
        slice.commit();
    }

    /** Listing {@code listing} as the agent makes it: announced by a heap checkpoint, then its entries. */
    public static void listing(long listing, List<String> openPaths, List<Long> idleConnectionIds) {
        HeapCheckpoint checkpoint = new HeapCheckpoint();
        checkpoint.listing = listing;
        checkpoint.commit();
        for (String path : openPaths) {
            OpenExchange open = new OpenExchange();
            open.listing = listing;
            open.age = 6_000_000_000L;
            open.stack = "jetty";
            open.protocol = "HTTP/2";
            open.method = "GET";
            open.path = path;
            open.commit();
        }
        for (long id : idleConnectionIds) {
            IdleConnection idle = new IdleConnection();
            idle.listing = listing;
            idle.connectionId = id;
            idle.stack = "jetty";
            idle.protocol = "HTTP/1.1";
            idle.age = 9_000_000_000L;
            idle.idle = 8_000_000_000L;
            idle.exchanges = 3;
            idle.commit();
        }
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

    /**
     * Running allocation totals: {@code jvm} all threads', {@code profiler} the profiler's threads', and per protocol
     * {HTTP/1.1, HTTP/2} finished exchanges, their bytes and their connections' work.
     */
    public static void allocationTotals(long jvm, long profiler, long ioLoop, long[] exchanges, long[] exchangeBytes,
                                        long[] connectionBytes) {
        AllocationTotals event = new AllocationTotals();
        event.jvmAllocatedBytes = jvm;
        event.profilerBytes = profiler;
        event.ioLoopBytes = ioLoop;
        event.http1Exchanges = exchanges[0];
        event.http2Exchanges = exchanges[1];
        event.http1ExchangeBytes = exchangeBytes[0];
        event.http2ExchangeBytes = exchangeBytes[1];
        event.http1ConnectionBytes = connectionBytes[0];
        event.http2ConnectionBytes = connectionBytes[1];
        event.commit();
    }

    /** A checkpoint of a forced GC; {@code exchanges} and {@code responseBytes} are {HTTP/1.1, HTTP/2}. */
    public static void heapCheckpoint(boolean forced, long heapUsed, long[] exchanges, long[] responseBytes) {
        HeapCheckpoint event = new HeapCheckpoint();
        event.forced = forced;
        event.heapUsed = heapUsed;
        event.oldGenUsed = heapUsed;
        event.heapCommitted = 2 * heapUsed;
        event.directMemoryUsed = 1 << 20;
        event.rss = 3 * heapUsed;
        event.http1Exchanges = exchanges[0];
        event.http2Exchanges = exchanges[1];
        event.http1ResponseBytes = responseBytes[0];
        event.http2ResponseBytes = responseBytes[1];
        event.commit();
    }

    /** A forced checkpoint with no response bytes, as the live analysis reads it. */
    public static void heapCheckpoint(long heapUsed, long http1Exchanges, long http2Exchanges) {
        heapCheckpoint(true, heapUsed, new long[] {http1Exchanges, http2Exchanges}, new long[2]);
    }

    public static void retention(String protocol, String objectType, boolean connectionOpen, long retained,
                                 long trackedExchanges) {
        Retention event = new Retention();
        event.protocol = protocol;
        event.objectType = objectType;
        event.connectionOpen = connectionOpen;
        event.retained = retained;
        event.trackedExchanges = trackedExchanges;
        event.sampling = 16;
        event.commit();
    }

    @Name(EventNames.EXCHANGE)
    @Category("HTTP Memory")
    static final class Exchange extends Event {
        @Name(ExchangeFields.EXCHANGE_ID) long exchangeId;
        @Name(ExchangeFields.PROTOCOL) String protocol;
        @Name(ExchangeFields.STACK) String stack;
        @Name(ExchangeFields.CONNECTION_ID) long connectionId;
        @Name(ExchangeFields.STREAM_ID) long streamId;
        @Name(ExchangeFields.METHOD) String method;
        @Name(ExchangeFields.PATH) String path;
        @Name(ExchangeFields.STATUS) int status;
        @Name(ExchangeFields.OUTCOME) String outcome;
        @Name(ExchangeFields.REQUEST_BODY_BYTES) long requestBodyBytes;
        @Name(ExchangeFields.RESPONSE_BODY_BYTES) long responseBodyBytes;
        @Name(ExchangeFields.RESPONSE_WRITES) int responseWrites;
        @Name(ExchangeFields.ALLOCATED_BYTES) long allocatedBytes;
    }

    @Name(EventNames.SLICE)
    @Category("HTTP Memory")
    static final class Slice extends Event {
        @Name(SliceFields.EXCHANGE_ID) long exchangeId;
        @Name(SliceFields.PROTOCOL) String protocol;
        @Name(SliceFields.STREAM_ID) long streamId;
        @Name(SliceFields.KIND) String kind;
        @Name(SliceFields.ALLOCATED_BYTES) long allocatedBytes;
    }

    @Name(EventNames.AGENT_STATISTICS)
    @Category("HTTP Memory")
    static final class AgentStatistics extends Event {
        @Name(AgentStatisticsFields.AGENT_VERSION) String agentVersion;
        @Name(AgentStatisticsFields.STACKS) String stacks;
        @Name(AgentStatisticsFields.EXCHANGES_STARTED) long exchangesStarted;
        @Name(AgentStatisticsFields.EXCHANGES_ENDED) long exchangesEnded;
        @Name(AgentStatisticsFields.EXCHANGES_OPEN) long exchangesOpen;
        @Name(AgentStatisticsFields.SUPPRESSED_ERRORS) long suppressedErrors;
        @Name(AgentStatisticsFields.UNTRACKED) long untracked;
        @Name(AgentStatisticsFields.LISTING) long listing;
    }

    @Name(EventNames.ALLOCATION_TOTALS)
    @Category("HTTP Memory")
    static final class AllocationTotals extends Event {
        @Name(AllocationTotalsFields.JVM_ALLOCATED_BYTES) long jvmAllocatedBytes;
        @Name(AllocationTotalsFields.PROFILER_BYTES) long profilerBytes;
        @Name(AllocationTotalsFields.IO_LOOP_BYTES) long ioLoopBytes;
        @Name(AllocationTotalsFields.UNASSIGNED_CONNECTION_BYTES) long unassignedConnectionBytes;
        @Name(AllocationTotalsFields.HTTP1_EXCHANGES) long http1Exchanges;
        @Name(AllocationTotalsFields.HTTP1_EXCHANGE_BYTES) long http1ExchangeBytes;
        @Name(AllocationTotalsFields.HTTP1_CONNECTION_BYTES) long http1ConnectionBytes;
        @Name(AllocationTotalsFields.HTTP2_EXCHANGES) long http2Exchanges;
        @Name(AllocationTotalsFields.HTTP2_EXCHANGE_BYTES) long http2ExchangeBytes;
        @Name(AllocationTotalsFields.HTTP2_CONNECTION_BYTES) long http2ConnectionBytes;
    }

    @Name(EventNames.HEAP_CHECKPOINT)
    @Category("HTTP Memory")
    static final class HeapCheckpoint extends Event {
        @Name(HeapCheckpointFields.GC_ID) long gcId;
        @Name(HeapCheckpointFields.FORCED) boolean forced;
        @Name(HeapCheckpointFields.HEAP_USED) long heapUsed;
        @Name(HeapCheckpointFields.OLD_GEN_USED) long oldGenUsed;
        @Name(HeapCheckpointFields.HEAP_COMMITTED) long heapCommitted;
        @Name(HeapCheckpointFields.DIRECT_MEMORY_USED) long directMemoryUsed;
        @Name(HeapCheckpointFields.RSS) long rss;
        @Name(HeapCheckpointFields.HTTP1_EXCHANGES) long http1Exchanges;
        @Name(HeapCheckpointFields.HTTP2_EXCHANGES) long http2Exchanges;
        @Name(HeapCheckpointFields.HTTP1_RESPONSE_BYTES) long http1ResponseBytes;
        @Name(HeapCheckpointFields.HTTP2_RESPONSE_BYTES) long http2ResponseBytes;
        @Name(HeapCheckpointFields.OPEN_EXCHANGES) long openExchanges;
        @Name(HeapCheckpointFields.OPEN_CONNECTIONS) long openConnections;
        @Name(HeapCheckpointFields.IDLE_CONNECTIONS) long idleConnections;
        @Name(HeapCheckpointFields.LISTING) long listing;
    }

    @Name(EventNames.OPEN_EXCHANGE)
    @Category("HTTP Memory")
    static final class OpenExchange extends Event {
        @Name(OpenExchangeFields.LISTING) long listing;
        @Name(OpenExchangeFields.EXCHANGE_ID) long exchangeId;
        @Timespan(Timespan.NANOSECONDS)
        @Name(OpenExchangeFields.AGE) long age;
        @Name(OpenExchangeFields.STACK) String stack;
        @Name(OpenExchangeFields.PROTOCOL) String protocol;
        @Name(OpenExchangeFields.CONNECTION_ID) long connectionId;
        @Name(OpenExchangeFields.STREAM_ID) long streamId;
        @Name(OpenExchangeFields.METHOD) String method;
        @Name(OpenExchangeFields.PATH) String path;
    }

    @Name(EventNames.IDLE_CONNECTION)
    @Category("HTTP Memory")
    static final class IdleConnection extends Event {
        @Name(IdleConnectionFields.LISTING) long listing;
        @Name(IdleConnectionFields.CONNECTION_ID) long connectionId;
        @Name(IdleConnectionFields.STACK) String stack;
        @Name(IdleConnectionFields.PROTOCOL) String protocol;
        @Timespan(Timespan.NANOSECONDS)
        @Name(IdleConnectionFields.AGE) long age;
        @Timespan(Timespan.NANOSECONDS)
        @Name(IdleConnectionFields.IDLE) long idle;
        @Name(IdleConnectionFields.EXCHANGES) long exchanges;
    }

    @Name(EventNames.RETENTION)
    @Category("HTTP Memory")
    static final class Retention extends Event {
        @Name(RetentionFields.PROTOCOL) String protocol;
        @Name(RetentionFields.OBJECT_TYPE) String objectType;
        @Name(RetentionFields.CONNECTION_OPEN) boolean connectionOpen;
        @Name(RetentionFields.RETAINED) long retained;
        @Name(RetentionFields.TRACKED_EXCHANGES) long trackedExchanges;
        @Name(RetentionFields.SAMPLING) int sampling;
    }
}
