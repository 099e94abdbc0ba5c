package dev.httpmem.analysis.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.TestRecordings;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.SliceFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkEventsTest {
    private static final List<ChunkEvents.Wanted> WANTED = List.of(
            new ChunkEvents.Wanted(EventNames.EXCHANGE, List.of(ExchangeFields.EXCHANGE_ID, ExchangeFields.PROTOCOL,
                    ExchangeFields.STACK, ExchangeFields.CONNECTION_ID, ExchangeFields.STREAM_ID, ExchangeFields.METHOD,
                    ExchangeFields.PATH, ExchangeFields.STATUS, ExchangeFields.OUTCOME, ExchangeFields.REQUEST_BODY_BYTES,
                    ExchangeFields.RESPONSE_BODY_BYTES, ExchangeFields.RESPONSE_WRITES, ExchangeFields.ALLOCATED_BYTES)),
            new ChunkEvents.Wanted(EventNames.SLICE, List.of(SliceFields.EXCHANGE_ID, SliceFields.PROTOCOL,
                    SliceFields.STREAM_ID, SliceFields.KIND, SliceFields.ALLOCATED_BYTES)));
    /** Which of a wanted type's fields are strings. */
    private static final List<String> TEXTS = List.of(ExchangeFields.PROTOCOL, ExchangeFields.STACK,
            ExchangeFields.METHOD, ExchangeFields.PATH, ExchangeFields.OUTCOME, SliceFields.KIND);

    @TempDir
    static Path dir;

    @Test
    void readsWhatTheJdkParserReadsOfEveryWantedEvent() throws Exception {
        Path file = TestRecordings.recordInChunks(dir.resolve("chunks.jfr"), 3, () -> {
            for (int i = 0; i < 200; i++) {
                // JFR pools strings of more than 16 characters in the chunk's constant pool; shorter ones are inline.
                TestRecordings.exchange(i % 2 == 0 ? "HTTP/2" : "HTTP/1.1", i % 7 == 0 ? null : "GET",
                        i % 3 == 0 ? "/a/path/long/enough/for/the/string/pool/" + i : "/bödy-" + i, "completed",
                        i * 1_000_003L, i * 17L, i % 5);
            }
            Thread other = new Thread(() -> TestRecordings.slice("HTTP/2", () -> { }), "another-thread");
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 50; i++) {
                TestRecordings.slice(i % 2 == 0 ? "HTTP/2" : "HTTP/1.1", () -> { });
            }
        });
        List<String> parsed = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                for (ChunkEvents.Wanted wanted : WANTED) {
                    if (wanted.type().equals(event.getEventType().getName())) {
                        parsed.add(describe(wanted, event));
                    }
                }
            }
        }
        List<String> read = new ArrayList<>();
        List<Map.Entry<Chunk, ByteBuffer>> chunks = chunks(file);
        ChunkEvents.Clock clock = ChunkEvents.Clock.of(chunks.get(0).getValue());
        long[] slices = {0};
        // One reading's chunks share what they repeat of their metadata.
        ChunkEvents.Metadata metadata = new ChunkEvents.Metadata();
        for (Map.Entry<Chunk, ByteBuffer> chunk : chunks) {
            slices[0] += ChunkEvents.read(chunk.getKey(), chunk.getValue(), clock, metadata, WANTED,
                    event -> read.add(describe(WANTED.get(event.wanted), event))).getOrDefault(EventNames.SLICE, 0L);
        }
        assertEquals(3 * 51, slices[0], "slices counted");
        assertTrue(chunks.size() >= 3, chunks.size() + " chunks");
        assertEquals(3 * 251, read.size());
        assertEquals(parsed.size(), read.size(), "events read");
        for (int i = 0; i < parsed.size(); i++) {
            assertEquals(parsed.get(i), read.get(i), "event " + i);
        }
    }

    /**
     * Allocation samples, read by position with their classes and stack traces resolved from the chunks' constant
     * pools, are what the JDK's parser makes of them: every frame, hidden ones left out, in chunks after the first
     * too, where the pools hold only what is new.
     */
    @Test
    void readsAllocationSamplesWithTheirClassesAndStacksAsTheJdkParserDoes() throws Exception {
        List<Object> kept = new ArrayList<>();
        Path file = TestRecordings.recordInChunks(dir.resolve("samples.jfr"), 3, () -> {
            for (int i = 0; i < 300; i++) {
                Runnable lambda = () -> kept.add(new byte[64 << 10]);
                lambda.run();
                kept.add(new int[i % 100 + 8000][]);
            }
            kept.clear();
        });
        List<String> parsed = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals(PositionalEvents.ALLOCATION_SAMPLE.type())) {
                    parsed.add(Events.nanos(event.getStartTime()) + " thread " + Events.threadKey(event) + " "
                            + Events.className(event.getClass("objectClass")) + " " + event.getLong("weight") + " "
                            + Events.stack(event.getStackTrace()));
                }
            }
        }
        List<String> read = new ArrayList<>();
        List<Map.Entry<Chunk, ByteBuffer>> chunks = chunks(file);
        ChunkEvents.Clock clock = ChunkEvents.Clock.of(chunks.get(0).getValue());
        ChunkEvents.Metadata metadata = new ChunkEvents.Metadata();
        for (Map.Entry<Chunk, ByteBuffer> chunk : chunks) {
            ChunkEvents.read(chunk.getKey(), chunk.getValue(), clock, metadata, List.of(PositionalEvents.ALLOCATION_SAMPLE),
                    event -> read.add(event.startNanos() + " thread " + event.threadKey() + " "
                            + event.className(PositionalEvents.ALLOCATION_CLASS) + " "
                            + event.number(PositionalEvents.ALLOCATION_WEIGHT) + " "
                            + event.stackTrace(PositionalEvents.ALLOCATION_STACK)));
        }
        assertTrue(parsed.size() > 100, parsed.size() + " samples");
        assertTrue(parsed.stream().anyMatch(sample -> sample.contains(" int[][] ")), "arrays' classes in Java's spelling");
        assertTrue(parsed.stream().anyMatch(sample -> sample.contains("lambda$") && !sample.contains("$$Lambda")),
                "the lambda's body, not its hidden class");
        assertEquals(parsed, read);
    }

    @Test
    void aFieldTheChunkDoesNotHaveIsAnError() throws Exception {
        Path file = TestRecordings.record(dir.resolve("one.jfr"),
                () -> TestRecordings.exchange("HTTP/2", "GET", "/", "completed", 1, 1, 1));
        List<ChunkEvents.Wanted> renamed = List.of(new ChunkEvents.Wanted(EventNames.EXCHANGE, List.of("allocatedByte")));
        Map.Entry<Chunk, ByteBuffer> chunk = chunks(file).get(0);
        AnalysisException error = assertThrows(AnalysisException.class, () -> ChunkEvents.read(chunk.getKey(),
                chunk.getValue(), ChunkEvents.Clock.of(chunk.getValue()), new ChunkEvents.Metadata(), renamed, event -> { }));
        assertEquals("unsupported httpmem events in " + file + ": " + EventNames.EXCHANGE + " has no field 'allocatedByte'",
                error.getMessage());
        List<ChunkEvents.Wanted> optional = List.of(new ChunkEvents.Wanted(EventNames.EXCHANGE,
                List.of("allocatedByte", ExchangeFields.PATH), Set.of("allocatedByte")));
        List<String> paths = new ArrayList<>();
        ChunkEvents.read(chunk.getKey(), chunk.getValue(), ChunkEvents.Clock.of(chunk.getValue()), new ChunkEvents.Metadata(),
                optional,
                event -> paths.add(event.present(0) + " " + event.text(1)));
        assertEquals(List.of("false /"), paths);
    }

    private static List<Map.Entry<Chunk, ByteBuffer>> chunks(Path file) throws IOException {
        List<Map.Entry<Chunk, ByteBuffer>> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            for (Chunk chunk : ChunkWalk.chunks(file, channel, 1)) {
                ByteBuffer bytes = ByteBuffer.allocate((int) chunk.size());
                channel.read(bytes, chunk.position());
                chunks.add(Map.entry(chunk, bytes.clear()));
            }
        }
        return chunks;
    }

    private static String describe(ChunkEvents.Wanted wanted, RecordedEvent event) {
        StringBuilder text = new StringBuilder(wanted.type()).append(' ').append(Events.nanos(event.getStartTime()))
                .append("..").append(Events.nanos(event.getEndTime())).append(" thread ").append(Events.threadKey(event));
        for (String field : wanted.fields()) {
            text.append(' ').append(field).append('=').append(TEXTS.contains(field) ? event.getString(field)
                    : String.valueOf(event.getLong(field)));
        }
        return text.toString();
    }

    private static String describe(ChunkEvents.Wanted wanted, ChunkEvents.Event event) {
        StringBuilder text = new StringBuilder(wanted.type()).append(' ').append(event.startNanos).append("..")
                .append(event.endNanos).append(" thread ").append(event.threadKey == Long.MIN_VALUE ? null : event.threadKey);
        for (int i = 0; i < wanted.fields().size(); i++) {
            String field = wanted.fields().get(i);
            text.append(' ').append(field).append('=').append(TEXTS.contains(field) ? event.text(i) : String.valueOf(event.number(i)));
        }
        return text.toString();
    }
}
