package dev.httpmem.analysis.read;

/** What a reading does with a chunk it cannot trust whole: a damaged one, or one its JVM never finished. */
public enum DamagedChunks {
    /** Stops with an error naming the chunk and the byte. */
    REFUSE,
    /** Leaves damaged chunks out, reads unfinished ones up to their last flush, and says so in the first line. */
    SALVAGE
}
