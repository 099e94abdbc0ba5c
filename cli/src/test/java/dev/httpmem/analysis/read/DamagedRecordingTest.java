package dev.httpmem.analysis.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.ReportAnalysis;
import dev.httpmem.analysis.TestRecordings;
import dev.httpmem.analysis.model.Report;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage of every kind a recording meets on its way to the CLI, each in every chunk of a real multi-chunk recording:
 * named with its chunk and byte, never read as a smaller answer; with {@code --salvage}, read without the damaged
 * chunks and said so first.
 */
class DamagedRecordingTest {
    private static final int PIECES = 4;
    private static final int PER_PIECE = 100;
    private static final int GENERATION = 64;

    @TempDir
    static Path dir;
    static byte[] whole;
    /** Each chunk's first byte and size. */
    static List<long[]> chunks;
    /** The exchanges in each chunk, as the chunk read alone reports them. */
    static long[] exchangesIn;

    @BeforeAll
    static void record() throws IOException {
        Path file = TestRecordings.recordInChunks(dir.resolve("whole.jfr"), PIECES, () -> {
            for (int i = 0; i < PER_PIECE; i++) {
                TestRecordings.exchange("HTTP/2", "GET", "/items", "completed", 4096, 1024, 1);
            }
        });
        whole = Files.readAllBytes(file);
        chunks = new ArrayList<>();
        for (long at = 0; at < whole.length; at += ByteBuffer.wrap(whole).getLong((int) at + 8)) {
            chunks.add(new long[] {at, ByteBuffer.wrap(whole).getLong((int) at + 8)});
        }
        assertTrue(chunks.size() >= PIECES, chunks.size() + " chunks");
        exchangesIn = new long[chunks.size()];
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            long[] layout = chunks.get(chunk);
            Path alone = write("alone-" + chunk + ".jfr", Arrays.copyOfRange(whole, (int) layout[0], (int) (layout[0] + layout[1])));
            try {
                exchangesIn[chunk] = exchanges(ReportAnalysis.analyze(alone));
            } catch (AnalysisException e) {
                assertEquals(AnalysisException.Kind.NO_EVENTS, e.kind(), e.getMessage());
            }
        }
        assertEquals(PIECES * PER_PIECE, Arrays.stream(exchangesIn).sum());
    }

    /** The exchanges in the chunks before {@code chunk}. */
    private static long exchangesBefore(int chunk) {
        return Arrays.stream(exchangesIn, 0, chunk).sum();
    }

    @Test
    void aWholeRecordingIsReadWhole() throws IOException {
        Report report = ReportAnalysis.analyze(write("whole.jfr", whole));
        assertEquals(Optional.empty(), report.recording().incomplete());
        assertEquals(PIECES * PER_PIECE, exchanges(report));
    }

    @Test
    void aZeroedRangeInAnyChunkIsNamedAndSalvageLeavesThatChunkOut() throws IOException {
        int count = chunks.size();
        for (int chunk = 0; chunk < count; chunk++) {
            byte[] bytes = whole.clone();
            int middle = (int) (chunks.get(chunk)[0] + chunks.get(chunk)[1] / 2);
            Arrays.fill(bytes, middle, middle + 1024, (byte) 0);
            Path damaged = write("zeroed-" + chunk + ".jfr", bytes);
            String message = refused(damaged);
            assertTrue(message.startsWith("truncated or corrupt JFR file: " + damaged + " (chunk " + (chunk + 1) + " of "
                    + count + " is damaged: "), message);
            assertTrue(message.endsWith("; --salvage reads the chunks that are whole)"), message);

            Report salvaged = ReportAnalysis.analyze(damaged, 0, DamagedChunks.SALVAGE);
            assertEquals(PIECES * PER_PIECE - exchangesIn[chunk], exchanges(salvaged), message);
            assertTrue(salvaged.recording().incomplete().orElseThrow().startsWith("left out chunk " + (chunk + 1)
                    + " of " + count + ", damaged: "), salvaged.recording().incomplete().orElseThrow());
            assertEquals(count - 1, salvaged.recording().chunks());
        }
    }

    @Test
    void flippedBytesWhereTheLayoutDependsOnThemAreFound() throws IOException {
        List<Integer> positions = new ArrayList<>();
        positions.add(whole.length - 1); // the last chunk's copy of its header
        for (long[] chunk : chunks) {
            positions.add((int) chunk[0] + 15); // the chunk's size
            positions.add((int) chunk[0] + 23); // where its constant pools are
            positions.add((int) chunk[0] + 31); // where its metadata is
            positions.add((int) chunk[0] + ChunkWalk.HEADER_SIZE); // its first event's size
        }
        for (int position : positions) {
            byte[] bytes = whole.clone();
            bytes[position] ^= (byte) 0x5A;
            String message = refused(write("flipped-" + position + ".jfr", bytes));
            assertTrue(message.contains(" is damaged: "), position + ": " + message);
        }
    }

    /**
     * A string of an encoding JFR has none of, inside an event whose size and type are sound: the JDK parser's event
     * stream ends there without an error, which the count of the events each chunk's walk saw tells.
     */
    @Test
    void aStringOfABadEncodingIsFoundThoughTheJdkParserEndsWithoutAWord() throws IOException {
        byte[] path = "/items".getBytes(StandardCharsets.US_ASCII);
        int count = chunks.size();
        for (int chunk = 0; chunk < count; chunk++) {
            if (exchangesIn[chunk] == 0) {
                continue;
            }
            byte[] bytes = whole.clone();
            List<Integer> paths = new ArrayList<>();
            for (int at = indexOf(bytes, path, (int) chunks.get(chunk)[0]); at > 0 && at < chunks.get(chunk)[0]
                    + chunks.get(chunk)[1]; at = indexOf(bytes, path, at + 1)) {
                paths.add(at);
            }
            assertTrue(paths.size() > 2, "paths in chunk " + (chunk + 1) + ": " + paths.size());
            bytes[paths.get(paths.size() / 2) - 2] = (byte) 0x7F; // the encoding byte, before the length
            Path damaged = write("bad-string-" + chunk + ".jfr", bytes);
            String message = refused(damaged);
            assertTrue(message.startsWith("truncated or corrupt JFR file: " + damaged + " (chunk " + (chunk + 1) + " of "
                    + count + " is damaged: "), message);

            Report salvaged = ReportAnalysis.analyze(damaged, 0, DamagedChunks.SALVAGE);
            assertEquals(PIECES * PER_PIECE - exchangesIn[chunk], exchanges(salvaged), message);
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A file cut where a chunk ends is a whole recording of fewer chunks: JFR marks a recording's last chunk only when
     * the JVM's last recording stops, so a file dumped from a running recording looks the same. The report's
     * duration is all that tells.
     */
    @Test
    void aFileCutAtAChunkBoundaryIsReadAsTheChunksItHolds() throws IOException {
        for (int kept = 1; kept < chunks.size(); kept++) {
            long[] last = chunks.get(kept - 1);
            Path cut = write("cut-" + kept + ".jfr", Arrays.copyOf(whole, (int) (last[0] + last[1])));
            Report report = ReportAnalysis.analyze(cut);
            assertEquals(exchangesBefore(kept), exchanges(report));
            assertEquals(Optional.empty(), report.recording().incomplete());
            assertEquals(kept, report.recording().chunks());
        }
    }

    @Test
    void aFileCutInsideAnyChunkIsRefusedAndSalvageReadsTheChunksBefore() throws IOException {
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            int end = (int) (chunks.get(chunk)[0] + chunks.get(chunk)[1] / 2);
            Path cut = write("cut-inside-" + chunk + ".jfr", Arrays.copyOf(whole, end));
            String message = refused(cut);
            assertTrue(message.contains("(chunk " + (chunk + 1) + " of " + (chunk + 1) + " is damaged: the file ends at byte "
                    + end + ", inside the chunk that begins at byte " + chunks.get(chunk)[0]), message);
            if (chunk == 0) {
                AnalysisException nothing = assertThrows(AnalysisException.class,
                        () -> ReportAnalysis.analyze(cut, 0, DamagedChunks.SALVAGE));
                assertTrue(nothing.getMessage().contains("no chunk is readable"), nothing.getMessage());
            } else {
                Report salvaged = ReportAnalysis.analyze(cut, 0, DamagedChunks.SALVAGE);
                assertEquals(exchangesBefore(chunk), exchanges(salvaged));
                assertTrue(salvaged.recording().incomplete().orElseThrow().startsWith("left out chunk " + (chunk + 1)),
                        salvaged.recording().incomplete().orElseThrow());
            }
        }
    }

    /** What a killed JVM leaves: a repository folder, a file per chunk, the last one unfinished and cut mid-write. */
    @Test
    void aRepositoryWithAnUnfinishedChunkIsReadUpToItsLastFlushWithSalvage() throws IOException {
        Path repository = Files.createDirectories(dir.resolve("repository"));
        int count = chunks.size();
        for (int chunk = 0; chunk < count; chunk++) {
            long[] layout = chunks.get(chunk);
            byte[] bytes = Arrays.copyOfRange(whole, (int) layout[0], (int) (layout[0] + layout[1]));
            if (chunk == count - 1) {
                bytes[GENERATION] = 7;
                bytes = Arrays.copyOf(bytes, bytes.length + 300); // written after the last flush
                Arrays.fill(bytes, bytes.length - 300, bytes.length, (byte) 0x33);
            }
            Files.write(repository.resolve(String.format("2026_11_28_10_00_%02d.jfr", chunk)), bytes);
        }
        String last = "chunk " + count + " of " + count + String.format(" (2026_11_28_10_00_%02d.jfr)", count - 1);
        String message = refused(repository);
        assertEquals("truncated or corrupt JFR file: " + repository + " (" + last + " is"
                + " unfinished: the recording is still running, or its JVM was killed; --salvage reads it up to its last"
                + " flush)", message);
        Report salvaged = ReportAnalysis.analyze(repository, 0, DamagedChunks.SALVAGE);
        assertEquals(PIECES * PER_PIECE, exchanges(salvaged));
        assertEquals(Optional.of("read " + last + " up to its last flush: it was never"
                + " finished (its JVM was killed, or it is still recording)"), salvaged.recording().incomplete());
    }

    @Test
    void aFolderWithoutRecordingsIsNotJfr() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        AnalysisException e = assertThrows(AnalysisException.class, () -> ReportAnalysis.analyze(empty));
        assertEquals(AnalysisException.Kind.NOT_JFR, e.kind());
    }

    private static String refused(Path recording) {
        AnalysisException e = assertThrows(AnalysisException.class, () -> ReportAnalysis.analyze(recording));
        assertEquals(AnalysisException.Kind.CORRUPT, e.kind(), e.getMessage());
        return e.getMessage();
    }

    private static long exchanges(Report report) {
        return report.protocols().stream().mapToLong(p -> p.exchanges().exchanges()).sum();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
