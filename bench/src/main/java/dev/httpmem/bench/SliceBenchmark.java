package dev.httpmem.bench;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.schema.EventNames;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The agent's hot path: a slice's enter and exit (what every advised handler, frame and body write pays), and a
 * whole exchange as the Jetty advice drives it (open, handle slice, HEADERS and DATA frame slices, end).
 * {@code events=false}: no recording has httpmem events enabled; {@code true}: one recording enables them all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SliceBenchmark {
    @Param({"false", "true"})
    public boolean events;

    private final Object[] keys = new Object[1024];
    private final Object connection = new Object();
    private Exchange exchange;
    private Recording recording;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
        }
        exchange = Exchanges.open(new Object(), "bench", Role.SERVER, Exchange.HTTP_2, Connections.of(connection, "bench"), 1, "GET", "/bench");
        if (events) {
            recording = new Recording();
            for (String event : new String[] {EventNames.EXCHANGE, EventNames.SLICE, EventNames.FRAME_WRITE, EventNames.BODY_WRITE}) {
                recording.enable(event);
            }
            recording.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
    }

    @Benchmark
    public void sliceEnterExit() {
        Slices.exit(Slices.enter(exchange, SliceKind.HANDLE));
    }

    @Benchmark
    public void exchangeLifecycle() {
        Object key = keys[next++ & (keys.length - 1)];
        // As a stack opens each stream: its connection's record is looked up by the connection object.
        Exchange opened = Exchanges.open(key, "bench", Role.SERVER, Exchange.HTTP_2, Connections.of(connection, "bench"),
                2L * next + 1, "GET", "/bench");
        Slices handle = Slices.enter(opened, SliceKind.HANDLE);
        Slices.exitFrame(Slices.enterFrame(opened, "HEADERS"), 12, false);
        Slices.exitFrame(Slices.enterFrame(opened, "DATA"), 16384, true);
        Slices.exit(handle);
        Exchanges.end(key, Outcome.COMPLETED);
    }
}
