package dev.httpmem.analysis;

import java.time.Duration;
import java.time.Instant;

/** The recording file, as its chunk headers describe it. */
public record RecordingInfo(String file, Instant start, Duration duration, int chunks) {
}
