package dev.httpmem.analysis.read;

import static dev.httpmem.analysis.read.AnalysisException.Kind.NO_EVENTS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One reading of a recording, each handler given its events in the order it needs, with the JDK's errors made one
 * line. Most events (exchanges, slices, allocation samples) are read in file order, which JFR does not sort: it
 * writes what each thread committed at every flush (once a second), threads and even one thread's events in no set
 * order within a flush's segment; sorting every chunk by end time, as the JDK's ordered stream does, doubled the time
 * a reading takes and held a chunk's events in memory. The few kinds whose handling follows time (checkpoints and
 * their listings, periodic totals, tracker batches, old-object samples) are read first when the file-order handling
 * needs what they tell ({@link Handlers#afterTimeOrder}): httpmem's by position, held and sorted; the JDK's old-object
 * samples, whose reference chains only the JDK's parser reads, by its sorted stream over the chunks that hold them
 * alone (a copy of them, when they are not all). Then the file-order events: by position ({@link ChunkEvents}), and
 * by the JDK's parser for any a handler takes as the JDK reads them. A reading that asks the JDK's parser for nothing
 * and needs nothing of the time-order events first ({@code report}) reads the file once: its time-order events are
 * held as that one reading meets them and handed on, sorted, after it.
 */
public final class RecordingStream {

    /** The handlers of one reading. */
    public static final class Handlers {
        private final List<Map.Entry<String, Consumer<RecordedEvent>>> inFileOrder = new ArrayList<>();
        private final List<Map.Entry<String, Consumer<RecordedEvent>>> inTimeOrder = new ArrayList<>();
        private final List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> positional = new ArrayList<>();
        private final List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> positionalInTimeOrder = new ArrayList<>();
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

        /**
         * For httpmem's many events: read by position, chunk by chunk in file order, after the other file-order
         * events (whose flush segments are then not marked: {@link #onFlush} runs at the end of each chunk instead).
         */
        public void positional(ChunkEvents.Wanted wanted, Consumer<ChunkEvents.Event> handler) {
            positional.add(Map.entry(wanted, handler));
        }

        /**
         * For a kind of few of httpmem's events whose handling follows time: read by position, held (copied), and
         * handed on sorted by end time before the time-order events the JDK's parser reads; after the file-order
         * events when the reading has neither those nor {@link #afterTimeOrder} actions.
         */
        public void positionalInTimeOrder(ChunkEvents.Wanted wanted, Consumer<ChunkEvents.Event> handler) {
            positionalInTimeOrder.add(Map.entry(wanted, handler));
        }

        /** Run at the end of each flush segment of the file-order events, or of each chunk when some are positional. */
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
        boolean positional = !handlers.positional.isEmpty();
        boolean fileOrder = !handlers.inFileOrder.isEmpty();
        // Every event the JDK's parser reads is counted in one of its readings, to check that it read them all: the
        // file-order one where there is one (its handlers take most events anyway, where the time-order one's few let
        // the parser skip the rest), by type when httpmem's events are read by position and the parser skips them.
        Counting counting = positional ? Counting.BY_TYPE : Counting.ALL;
        Map<String, Long> delivered = new HashMap<>();
        // One buffer for the chunks of both readings by position.
        ByteBuffer[] buffer = new ByteBuffer[1];
        // Nothing waits for the time-order events but their own handlers: one reading by position takes them all.
        boolean once = positional && !fileOrder && handlers.inTimeOrder.isEmpty() && handlers.betweenReadings.isEmpty()
                && Dispatch.combinable(handlers.positional, handlers.positionalInTimeOrder);
        List<Chunk> chunks = recording.chunks();
        if (!once && (!handlers.positionalInTimeOrder.isEmpty() || !handlers.inTimeOrder.isEmpty())) {
            Dispatch inTimeOrder = new Dispatch(List.of(), handlers.positionalInTimeOrder);
            List<Map<String, Long>> chunkCounts = positional(recording, inTimeOrder, List.of(), buffer);
            inTimeOrder.handHeld();
            // The JDK's parser reads only the chunks that hold its time-order events: the old-object samples are in
            // the last, written when the recording stopped, and parsing every chunk's constant pools to skip the rest
            // took most of diff's time.
            Set<String> types = handlers.inTimeOrder.stream().map(Map.Entry::getKey).collect(Collectors.toSet());
            chunks = IntStream.range(0, chunkCounts.size())
                    .filter(i -> types.stream().anyMatch(type -> chunkCounts.get(i).containsKey(type)))
                    .mapToObj(recording.chunks()::get).toList();
        }
        if (!chunks.isEmpty() && !handlers.inTimeOrder.isEmpty()) {
            delivered.putAll(stream(recording, chunks, true, handlers.inTimeOrder, List.of(),
                    fileOrder ? Counting.NONE : counting));
        }
        handlers.betweenReadings.forEach(Runnable::run);
        if (fileOrder) {
            delivered.putAll(stream(recording, recording.chunks(), false, handlers.inFileOrder,
                    positional ? List.of() : handlers.flushes, counting));
        }
        if (positional) {
            Dispatch inFileOrder = new Dispatch(handlers.positional, once ? handlers.positionalInTimeOrder : List.of());
            Map<String, Long> held = new HashMap<>();
            positional(recording, inFileOrder, handlers.flushes, buffer)
                    .forEach(counts -> counts.forEach((type, count) -> held.merge(type, count, Long::sum)));
            inFileOrder.handHeld();
            delivered.forEach((type, count) -> {
                if (count != held.getOrDefault(type, 0L).longValue()) {
                    // The JDK 17 and 25 parsers end a stream without a word at some damaged values (a string of a bad
                    // encoding): the events after it would be missing from the answer.
                    throw recording.parserFailure("it ended after " + count + " of the " + held.getOrDefault(type, 0L)
                            + " " + type + " events the chunks hold, without an error");
                }
            });
        }
    }

    /** The largest chunk read into the heap; larger ones are mapped. */
    private static final long MAX_READ_CHUNK = 32 * 1024 * 1024;

    /** Which events a reading by the JDK's parser counts. */
    private enum Counting { NONE, ALL, BY_TYPE }

    /**
     * Handlers of events read by position: each event to those of its type that take it in file order, at once, and
     * held (copied) for those that take it in time order, until {@link #handHeld}. A type's handlers share one list of
     * fields.
     */
    private static final class Dispatch implements Consumer<ChunkEvents.Event> {
        final List<ChunkEvents.Wanted> wanted;
        private final List<List<Consumer<ChunkEvents.Event>>> inFileOrder = new ArrayList<>();
        private final List<List<Consumer<ChunkEvents.Event>>> inTimeOrder = new ArrayList<>();
        private final List<ChunkEvents.Event> held = new ArrayList<>();

        Dispatch(List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> fileOrder,
                 List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> timeOrder) {
            wanted = wanted(fileOrder, timeOrder);
            if (!oneListPerType(wanted)) {
                throw new IllegalArgumentException("one list of fields per event type, shared by its handlers: " + wanted);
            }
            for (ChunkEvents.Wanted type : wanted) {
                inFileOrder.add(handlersOf(type, fileOrder));
                inTimeOrder.add(handlersOf(type, timeOrder));
            }
        }

        /** Whether every type of these handlers has one list of fields. */
        static boolean combinable(List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> fileOrder,
                                  List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> timeOrder) {
            return oneListPerType(wanted(fileOrder, timeOrder));
        }

        private static List<ChunkEvents.Wanted> wanted(
                List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> fileOrder,
                List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> timeOrder) {
            return Stream.concat(fileOrder.stream(), timeOrder.stream()).map(Map.Entry::getKey).distinct().toList();
        }

        private static boolean oneListPerType(List<ChunkEvents.Wanted> wanted) {
            return wanted.stream().map(ChunkEvents.Wanted::type).distinct().count() == wanted.size();
        }

        private static List<Consumer<ChunkEvents.Event>> handlersOf(
                ChunkEvents.Wanted type, List<Map.Entry<ChunkEvents.Wanted, Consumer<ChunkEvents.Event>>> handlers) {
            return handlers.stream().filter(h -> h.getKey().equals(type)).map(Map.Entry::getValue).toList();
        }

        @Override
        public void accept(ChunkEvents.Event event) {
            for (Consumer<ChunkEvents.Event> handler : inFileOrder.get(event.wanted)) {
                handler.accept(event);
            }
            if (!inTimeOrder.get(event.wanted).isEmpty()) {
                held.add(event.copy());
            }
        }

        /** Hands the held events on, sorted by end time. */
        void handHeld() {
            held.sort(Comparator.comparingLong(ChunkEvents.Event::endNanos));
            for (ChunkEvents.Event event : held) {
                for (Consumer<ChunkEvents.Event> handler : inTimeOrder.get(event.wanted)) {
                    handler.accept(event);
                }
            }
            held.clear();
        }
    }

    /**
     * Reads the events of {@code sink}'s types in the chunks of {@code recording} by position, in file order, running
     * {@code flushes} after each chunk.
     *
     * @param buffer where the chunks are read, grown to fit ({@link #bytes})
     * @return how many events of each type each chunk holds, in the order of the recording's chunks
     */
    private static List<Map<String, Long>> positional(CheckedRecording recording, Dispatch sink, List<Runnable> flushes,
                                                      ByteBuffer[] buffer) {
        List<Map<String, Long>> held = new ArrayList<>();
        ChunkEvents.Clock clock = null;
        ChunkEvents.Metadata metadata = new ChunkEvents.Metadata();
        for (Chunk chunk : recording.chunks()) {
            ByteBuffer bytes = bytes(recording, chunk, buffer);
            if (clock == null) {
                clock = ChunkEvents.Clock.of(bytes);
            }
            try {
                held.add(ChunkEvents.read(chunk, bytes, clock, metadata, sink.wanted, sink::accept));
            } catch (AnalysisException e) {
                if (e.kind() != AnalysisException.Kind.CORRUPT) {
                    throw e;
                }
                throw recording.unreadable(chunk, e.getMessage());
            }
            flushes.forEach(Runnable::run);
        }
        return held;
    }

    /**
     * The bytes of {@code chunk}: read into {@code buffer} (grown to fit) when the chunk is of a size JFR makes by
     * default (12 MiB), mapped when it is larger than the CLI's heap may hold. Mapping every chunk would count the
     * whole file in the process's resident memory a second time, after the chunk walk's mapping.
     */
    private static ByteBuffer bytes(CheckedRecording recording, Chunk chunk, ByteBuffer[] buffer) {
        try (FileChannel channel = FileChannel.open(chunk.file())) {
            if (chunk.size() > MAX_READ_CHUNK) {
                return channel.map(FileChannel.MapMode.READ_ONLY, chunk.position(), chunk.size());
            }
            if (buffer[0] == null || buffer[0].capacity() < chunk.size()) {
                buffer[0] = ByteBuffer.allocate((int) chunk.size());
            }
            ByteBuffer bytes = buffer[0].clear().limit((int) chunk.size());
            while (bytes.hasRemaining() && channel.read(bytes, chunk.position() + bytes.position()) >= 0) {
                // until the chunk is read whole, or the file ends
            }
            if (bytes.hasRemaining()) {
                throw recording.unreadable(chunk, "the file ends inside it");
            }
            return bytes.flip();
        } catch (IOException e) {
            throw recording.parserFailure(reason(e));
        }
    }

    /**
     * Streams the events of {@code chunks}, all of {@code recording}'s or some, to {@code handlers}, in time order or
     * in file order.
     *
     * @param counting {@link Counting#ALL}: check here that the parser delivered every event the chunks' walks
     *                 counted; {@link Counting#BY_TYPE}: count those of the handlers' types, for the caller to check
     * @return the events delivered of each type the handlers take, when counted by type
     */
    @SuppressWarnings("try") // the error handler closes the stream it runs in, to stop it
    private static Map<String, Long> stream(CheckedRecording recording, List<Chunk> chunks, boolean ordered,
                                            List<Map.Entry<String, Consumer<RecordedEvent>>> handlers,
                                            List<Runnable> flushes, Counting counting) {
        AtomicReference<RuntimeException> handlerFailure = new AtomicReference<>();
        long[] delivered = {0};
        Map<String, long[]> byType = new HashMap<>();
        boolean all = chunks.size() == recording.chunks().size();
        Path file = all ? recording.readable() : RecordingCheck.copy(chunks);
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(ordered);
            handlers.forEach(handler -> stream.onEvent(handler.getKey(), handler.getValue()));
            if (counting == Counting.ALL) {
                stream.onEvent(event -> delivered[0]++);
            } else if (counting == Counting.BY_TYPE) {
                handlers.stream().map(Map.Entry::getKey).distinct().forEach(type -> {
                    long[] count = byType.computeIfAbsent(type, t -> new long[1]);
                    stream.onEvent(type, event -> count[0]++);
                });
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
        } finally {
            if (!all) {
                CheckedRecording.delete(file);
            }
        }
        if (handlerFailure.get() != null) {
            throw handlerFailure.get();
        }
        long expected = chunks.stream().mapToLong(Chunk::events).sum();
        if (counting == Counting.ALL && delivered[0] != expected) {
            // The JDK 17 and 25 parsers end a stream without a word at some damaged values (a string of a bad
            // encoding): the events after it would be missing from the answer.
            throw recording.parserFailure("it ended after " + delivered[0] + " of the " + expected
                    + " events the chunks hold, without an error");
        }
        Map<String, Long> counts = new HashMap<>();
        byType.forEach((type, count) -> counts.put(type, count[0]));
        return counts;
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
