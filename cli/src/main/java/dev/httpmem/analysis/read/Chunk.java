package dev.httpmem.analysis.read;

import java.nio.file.Path;

/**
 * One chunk of a recording file as its bytes lay it out: a JFR chunk holds its own metadata and constant pools, so
 * each can be read, or left out, on its own.
 *
 * @param number its place in the recording, from 1
 * @param position where it begins in {@code file}
 * @param size its bytes; for an unfinished chunk those up to its last flush, for a damaged one those it claims or,
 *        when its header cannot be trusted, the rest of the file
 * @param startNanos its start, epoch nanoseconds; 0 when its header cannot be trusted
 * @param durationNanos its length in time, as its header gives it
 * @param problem for a damaged chunk, what is wrong and at which byte of the file; else empty
 * @param events the events it holds, metadata and constant pools aside, as its walk counted them; 0 for a damaged one
 */
record Chunk(int number, Path file, long position, long size, long startNanos, long durationNanos, State state,
             String problem, long events) {

    enum State {
        /** Finished, and laid out as its header says. */
        SOUND,
        /** Still being written, or its JVM died: readable up to its last flush. */
        UNFINISHED,
        /** Not readable. */
        DAMAGED
    }

    static Chunk damaged(int number, Path file, long position, long size, long startNanos, long durationNanos,
                         String problem) {
        return new Chunk(number, file, position, size, startNanos, durationNanos, State.DAMAGED, problem, 0);
    }

    /** This chunk, found damaged after all: {@code problem}. */
    Chunk damaged(String problem) {
        return damaged(number, file, position, size, startNanos, durationNanos, problem);
    }

    /** "chunk 2 of 7", with its file's name when {@code recording} is a repository folder. */
    String which(Path recording, int chunks) {
        return "chunk " + number + " of " + chunks + (file.equals(recording) ? "" : " (" + file.getFileName() + ")");
    }

    boolean readable() {
        return state != State.DAMAGED;
    }
}
