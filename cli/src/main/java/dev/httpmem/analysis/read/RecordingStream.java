package dev.httpmem.analysis.read;

import static dev.httpmem.analysis.read.AnalysisException.Kind.NO_EVENTS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One reading of a recording, each handler given its events in the order it needs, with the JDK's errors made one
 * line. Most events (exchanges, slices, allocation samples) are read in file order, which JFR does not sort: it
 * writes what each thread committed at every flush (once a second), threads and even one thread's events in no set
 * order within a flush's segment; sorting every chunk by end time, as the JDK's ordered stream does, doubled the time
 * a reading takes and held a chunk's events in memory. The few kinds whose handling follows time (checkpoints and
 * their listings, periodic totals, tracker batches) are read in time order by a second, sorted stream that skips
 * the rest of the file.
 */
public final class RecordingStream {

    /** The handlers of one reading. */
    public static final class Handlers {
        private final List<Map.Entry<String, Consumer<RecordedEvent>>> inFileOrder = new ArrayList<>();
        private final List<Map.Entry<String, Consumer<RecordedEvent>>> inTimeOrder = new ArrayList<>();
        private final List<Runnable> flushes = new ArrayList<>();
        private final List<Runnable> betweenReadings = new ArrayList<>();

        /** For handlers whose result does not depend on the order of events within a flush segment. */
        public void inFileOrder(String event, Consumer<RecordedEvent> handler) {
            inFileOrder.add(Map.entry(event, handler));
        }

        /** For a kind of few events whose handling follows time: sorted by end time. */
        public void inTimeOrder(String event, Consumer<RecordedEvent> handler) {
            inTimeOrder.add(Map.entry(event, handler));
        }

        /** Run at the end of each flush segment of the file-order events. */
        public void onFlush(Runnable action) {
            flushes.add(action);
        }

        /** Run once the time-order events are read, before the file-order ones: what they tell is known then. */
        public void afterTimeOrder(Runnable action) {
            betweenReadings.add(action);
        }
    }

    private RecordingStream() {
    }

    /**
     * Reads {@code recording} once: its time-order events, then its file-order ones.
     *
     * @param subscribe registers the handlers of this reading
     */
    public static void pass(CheckedRecording recording, Consumer<Handlers> subscribe) {
        Handlers handlers = new Handlers();
        subscribe.accept(handlers);
        // Every event is counted in one of the readings, the file-order one where there is one: its handlers take
        // most events anyway, where the time-order one's few let the parser skip the rest.
        boolean fileOrder = !handlers.inFileOrder.isEmpty();
        if (!handlers.inTimeOrder.isEmpty()) {
            stream(recording, true, handlers.inTimeOrder, List.of(), !fileOrder);
        }
        handlers.betweenReadings.forEach(Runnable::run);
        if (fileOrder) {
            stream(recording, false, handlers.inFileOrder, handlers.flushes, true);
        }
    }

    /**
     * Streams {@code recording}'s events to {@code handlers}, in time order or in file order.
     *
     * @param countsEvents whether to check that the parser delivered every event the chunks' walks counted
     */
    @SuppressWarnings("try") // the error handler closes the stream it runs in, to stop it
    private static void stream(CheckedRecording recording, boolean ordered,
                               List<Map.Entry<String, Consumer<RecordedEvent>>> handlers, List<Runnable> flushes,
                               boolean countsEvents) {
        AtomicReference<RuntimeException> handlerFailure = new AtomicReference<>();
        long[] delivered = {0};
        try (EventStream stream = EventStream.openFile(recording.readable())) {
            stream.setOrdered(ordered);
            handlers.forEach(handler -> stream.onEvent(handler.getKey(), handler.getValue()));
            if (countsEvents) {
                stream.onEvent(event -> delivered[0]++);
            }
            flushes.forEach(stream::onFlush);
            // Without this, the stream prints what a handler throws and goes on with the next event.
            stream.onError(e -> {
                handlerFailure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
                stream.close();
            });
            stream.start();
        } catch (IOException | RuntimeException e) {
            throw recording.parserFailure(reason(e));
        }
        if (handlerFailure.get() != null) {
            throw handlerFailure.get();
        }
        long expected = recording.chunks().stream().mapToLong(Chunk::events).sum();
        if (countsEvents && delivered[0] != expected) {
            // The JDK 17 and 25 parsers end a stream without a word at some damaged values (a string of a bad
            // encoding): the events after it would be missing from the answer.
            throw recording.parserFailure("it ended after " + delivered[0] + " of the " + expected
                    + " events the chunks hold, without an error");
        }
    }

    public static AnalysisException noHttpmemEvents(Path recording) {
        return new AnalysisException(NO_EVENTS, "no httpmem events in " + recording
                + "; record with: java -javaagent:httpmem-agent.jar=out=rec.jfr ..."
                + " (or enable httpmem.* events in your own recording)");
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
