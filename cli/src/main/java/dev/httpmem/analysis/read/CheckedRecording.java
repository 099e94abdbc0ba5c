package dev.httpmem.analysis.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jdk.jfr.consumer.RecordingFile;

/**
 * A recording whose chunks were checked, and the file the JDK parser reads for it: the recording itself when it is
 * whole, else a temporary copy of its readable chunks, deleted on {@link #close}.
 *
 * @param path the recording as the user named it, for messages
 * @param chunks the chunks in {@code readable}
 */
public record CheckedRecording(Path path, Path readable, RecordingInfo info, List<Chunk> chunks) implements AutoCloseable {

    /** What to throw when the JDK parser fails on {@link #readable}: the failure, with the chunk it fails on alone. */
    ParserFailure parserFailure(String reason) {
        return new ParserFailure(this, chunks.size() == 1 ? Optional.of(chunks.get(0))
                : chunks.stream().filter(CheckedRecording::unparsable).findFirst(), "the JDK's parser fails on it: " + reason);
    }

    /** What to throw when httpmem's own reading of {@code chunk} fails ({@link ChunkEvents}). */
    ParserFailure unreadable(Chunk chunk, String reason) {
        return new ParserFailure(this, Optional.of(chunk), "httpmem cannot read it: " + reason);
    }

    private static boolean unparsable(Chunk chunk) {
        Path alone = RecordingCheck.copy(List.of(chunk));
        try (RecordingFile events = new RecordingFile(alone)) {
            while (events.hasMoreEvents()) {
                events.readEvent();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        } finally {
            delete(alone);
        }
    }

    @Override
    public void close() {
        if (!readable.equals(path)) {
            delete(readable);
        }
    }

    /** Deletes a temporary copy of chunks ({@link RecordingCheck#copy}). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
