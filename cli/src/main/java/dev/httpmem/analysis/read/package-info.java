/**
 * Reading a recording: every chunk checked before the JDK's parser sees it ({@link RecordingCheck},
 * {@link ChunkWalk}), damaged ones refused or left out ({@link DamagedChunks}), one reading of it in file and in time
 * order ({@link RecordingStream}), and how the analyses read the events' fields ({@link Events}, {@link PositionalEvents},
 * {@link LatestListing}, {@link ConnectionIds}).
 */
package dev.httpmem.analysis.read;
