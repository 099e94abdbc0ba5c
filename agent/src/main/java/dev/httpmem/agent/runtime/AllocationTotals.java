package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.AllocationTotalsEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.FlightRecorder;

/**
 * Running totals of attributed allocation, per protocol ({@link Exchange#protocolIndex}): what finished exchanges
 * allocated and what was allocated working for their connections outside any exchange (reads that carry several
 * streams, connection frames, writes completed by a selector). Beside them, what all of the JVM's threads
 * allocated, so a report can say which share it attributed.
 */
public final class AllocationTotals {
    static final int UNASSIGNED = 2;
    private static final LongAdder[] EXCHANGES = {new LongAdder(), new LongAdder()};
    private static final LongAdder[] EXCHANGE_BYTES = {new LongAdder(), new LongAdder()};
    private static final LongAdder[] CONNECTION_BYTES = {new LongAdder(), new LongAdder(), new LongAdder()};
    private static final LongAdder IO_LOOP_BYTES = new LongAdder();
    /** Threads that do nothing but a stack's I/O loop (Tomcat's poller and acceptor): all they allocate is I/O loop work. */
    private static final Set<Long> IO_LOOP_THREADS = ConcurrentHashMap.newKeySet();
    /**
     * Threads that run the profiler's own work: JFR's periodic events and the JMX notifications of the agent's
     * heap checkpoints. What they allocate is the cost of profiling, not of serving.
     */
    private static final Set<Long> PROFILER_THREADS = ConcurrentHashMap.newKeySet();
    /** Each live thread's allocated bytes at the last sample: a thread's bytes count once, from when it was first seen. */
    private static Map<Long, Long> lastByThread = new HashMap<>();
    private static long jvmAllocated;
    private static long ioLoopThreadsAllocated;
    private static long profilerThreadsAllocated;

    private AllocationTotals() {}

    public static void register() {
        FlightRecorder.addPeriodicEvent(AllocationTotalsEvent.class, () -> {
            profilerThread();
            AllocationTotalsEvent event = new AllocationTotalsEvent();
            event.jvmAllocatedBytes = jvmAllocatedBytes();
            event.http1Exchanges = EXCHANGES[0].sum();
            event.http1ExchangeBytes = EXCHANGE_BYTES[0].sum();
            event.http1ConnectionBytes = connectionBytes(0);
            event.http2Exchanges = EXCHANGES[1].sum();
            event.http2ExchangeBytes = EXCHANGE_BYTES[1].sum();
            event.http2ConnectionBytes = connectionBytes(1);
            event.unassignedConnectionBytes = connectionBytes(UNASSIGNED);
            event.ioLoopBytes = IO_LOOP_BYTES.sum() + ioLoopThreadsAllocated;
            event.profilerBytes = profilerThreadsAllocated;
            event.commit();
        });
    }

    /** Connection work so far of a protocol ({@link Exchange#protocolIndex}), or before first exchanges ({@link #UNASSIGNED}). */
    static long connectionBytes(int protocol) {
        return CONNECTION_BYTES[protocol].sum();
    }

    static void exchangeFinished(int protocol, long allocatedBytes) {
        EXCHANGES[protocol].increment();
        EXCHANGE_BYTES[protocol].add(allocatedBytes);
    }

    /** Connection work of {@code connection}, or of a connection with no exchange yet when it is null. */
    static void connectionWork(Connection connection, long bytes) {
        CONNECTION_BYTES[connection == null ? UNASSIGNED : Exchange.protocolIndex(connection.protocol)].add(bytes);
    }

    /** Work of a stack's I/O loop for all its connections: a selector's select and its selected keys. */
    static void ioLoopWork(long bytes) {
        IO_LOOP_BYTES.add(bytes);
    }

    /** The current thread runs a stack's I/O loop and nothing else, until it ends. */
    public static void ioLoopThread() {
        IO_LOOP_THREADS.add(Thread.currentThread().getId());
    }

    /** The current thread runs the profiler's own work (see {@link #PROFILER_THREADS}). */
    static void profilerThread() {
        PROFILER_THREADS.add(Thread.currentThread().getId());
    }

    /** An upgrade request's work serves the HTTP/2 connection it becomes. */
    static void upgradeWork(long bytes) {
        CONNECTION_BYTES[1].add(bytes);
    }

    /**
     * The JVM's allocated bytes: the sum of every live thread's growth since it was first sampled (the JVM's own
     * running total, {@code getTotalThreadAllocatedBytes}, needs JDK 21). What a thread allocated between the last
     * sample and its end is missed, which short-lived threads of a server under load make small.
     */
    static synchronized long jvmAllocatedBytes() {
        long[] ids = AllocationMeter.threadIds();
        long[] allocated = AllocationMeter.allocatedBytes(ids);
        boolean first = lastByThread.isEmpty();
        Map<Long, Long> seen = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] < 0) {
                continue;
            }
            Long last = lastByThread.get(ids[i]);
            long grown = last != null ? allocated[i] - last : first ? 0 : allocated[i];
            jvmAllocated += grown;
            if (IO_LOOP_THREADS.contains(ids[i])) {
                ioLoopThreadsAllocated += grown;
            } else if (PROFILER_THREADS.contains(ids[i])) {
                profilerThreadsAllocated += grown;
            }
            seen.put(ids[i], allocated[i]);
        }
        lastByThread = seen;
        return jvmAllocated;
    }
}
