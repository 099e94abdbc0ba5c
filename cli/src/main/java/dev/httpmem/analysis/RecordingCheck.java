package dev.httpmem.analysis;

import static dev.httpmem.analysis.AnalysisException.Kind.CORRUPT;
import static dev.httpmem.analysis.AnalysisException.Kind.NOT_JFR;
import static dev.httpmem.analysis.AnalysisException.Kind.NO_SUCH_FILE;
import static dev.httpmem.analysis.AnalysisException.Kind.UNREADABLE;
import static dev.httpmem.analysis.AnalysisException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Walks the chunk headers before the JDK parser sees the file: the parser reports a truncated chunk as an
 * index error or not at all, and waits forever on a chunk that is still being written.
 */
final class RecordingCheck {
    private static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464C5200; // "FLR\0"

    private RecordingCheck() {
    }

    static RecordingInfo check(Path file) {
        if (!Files.exists(file)) {
            throw new AnalysisException(NO_SUCH_FILE, "no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new AnalysisException(NOT_JFR, "not a JFR file: " + file);
        }
        try (FileChannel channel = FileChannel.open(file)) {
            return walkChunks(file, channel);
        } catch (AccessDeniedException e) {
            throw new AnalysisException(UNREADABLE, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new AnalysisException(UNREADABLE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static RecordingInfo walkChunks(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        long position = 0;
        int chunks = 0;
        long startNanos = 0;
        long endNanos = 0;
        while (position < size) {
            header.clear();
            int read = channel.read(header, position);
            if (chunks == 0 && (read < 4 || header.getInt(0) != MAGIC)) {
                throw new AnalysisException(NOT_JFR, "not a JFR file: " + file);
            }
            chunks++;
            if (read < HEADER_SIZE) {
                throw corrupt(file, "file ends inside the header of chunk " + chunks);
            }
            if (header.getInt(0) != MAGIC) {
                throw corrupt(file, "no chunk at byte " + position);
            }
            short major = header.getShort(4);
            if (major != 1 && major != 2) {
                throw new AnalysisException(UNSUPPORTED,
                        "unsupported JFR version " + major + "." + header.getShort(6) + ": " + file);
            }
            long chunkSize = header.getLong(8);
            if (chunkSize < HEADER_SIZE) {
                throw corrupt(file, "chunk " + chunks + " has invalid size " + chunkSize);
            }
            if (header.get(64) != 0) {
                throw corrupt(file, "chunk " + chunks + " is unfinished; is the recording still running?");
            }
            if (chunkSize > size - position) {
                throw corrupt(file, "file ends inside chunk " + chunks + ", at " + (size - position)
                        + " of its " + chunkSize + " bytes");
            }
            long chunkStart = header.getLong(32);
            if (chunks == 1) {
                startNanos = chunkStart;
            }
            endNanos = Math.max(endNanos, chunkStart + header.getLong(40));
            position += chunkSize;
        }
        if (chunks == 0) {
            throw new AnalysisException(NOT_JFR, "not a JFR file: " + file);
        }
        Instant start = Instant.ofEpochSecond(0, startNanos);
        return new RecordingInfo(file.toString(), start, Duration.ofNanos(Math.max(0, endNanos - startNanos)), chunks);
    }

    static AnalysisException corrupt(Path file, String reason) {
        return new AnalysisException(CORRUPT, "truncated or corrupt JFR file: " + file + " (" + reason + ")");
    }
}
