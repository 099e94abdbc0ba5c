package dev.httpmem.analysis.read;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The recording, as its chunk headers describe the part of it that is read.
 *
 * @param chunks the chunks read
 * @param incomplete what of the recording was not read, or may be missing, in words; empty when it was read whole
 */
public record RecordingInfo(String file, Instant start, Duration duration, int chunks, Optional<String> incomplete) {
}
