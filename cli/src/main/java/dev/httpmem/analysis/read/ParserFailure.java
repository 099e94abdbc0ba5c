package dev.httpmem.analysis.read;

import java.util.Optional;

/**
 * The JDK parser failed on a recording whose layout the chunk walk found sound (a damaged metadata or constant
 * pool, say), with the chunk it also fails on when read alone.
 */
final class ParserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CheckedRecording recording;
    private final transient Optional<Chunk> chunk;

    ParserFailure(CheckedRecording recording, Optional<Chunk> chunk, String reason) {
        super(reason, null, false, false);
        this.recording = recording;
        this.chunk = chunk;
    }

    CheckedRecording recording() {
        return recording;
    }

    Optional<Chunk> chunk() {
        return chunk;
    }
}
