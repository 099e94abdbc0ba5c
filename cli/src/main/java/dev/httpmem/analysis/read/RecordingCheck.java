package dev.httpmem.analysis.read;

import static dev.httpmem.analysis.read.AnalysisException.Kind.CORRUPT;
import static dev.httpmem.analysis.read.AnalysisException.Kind.NOT_JFR;
import static dev.httpmem.analysis.read.AnalysisException.Kind.NO_SUCH_FILE;
import static dev.httpmem.analysis.read.AnalysisException.Kind.UNREADABLE;

import dev.httpmem.analysis.render.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Opens a recording for reading once every chunk of it is checked ({@link ChunkWalk}): a recording file, or a JFR
 * repository folder (what a JVM that was killed leaves behind: a file per chunk, the last one unfinished). What the
 * JDK parser reads is the file itself when it is whole, else a copy of its readable chunks.
 */
public final class RecordingCheck {

    private RecordingCheck() {
    }

    /**
     * Runs {@code analysis} on {@code paths} once every chunk of them is checked. The JDK parser may still fail on a
     * chunk whose layout is sound (its metadata damaged, say): that chunk is then marked damaged and the recording
     * opened again, which refuses it like any damage or, with {@link DamagedChunks#SALVAGE}, leaves it out.
     */
    public static <T> T read(List<Path> paths, DamagedChunks damaged, Function<List<CheckedRecording>, T> analysis) {
        Map<Path, Map<Integer, String>> unparsable = new HashMap<>();
        while (true) {
            List<CheckedRecording> checked = new ArrayList<>();
            try {
                for (Path path : paths) { // all checked before any is parsed
                    checked.add(open(path, damaged, unparsable.getOrDefault(path, Map.of())));
                }
                return analysis.apply(checked);
            } catch (ParserFailure failure) {
                Path path = failure.recording().path();
                Optional<Chunk> chunk = failure.chunk();
                if (chunk.isEmpty() || unparsable.getOrDefault(path, Map.of()).containsKey(chunk.get().number())) {
                    throw corrupt(path, failure.getMessage());
                }
                unparsable.computeIfAbsent(path, p -> new HashMap<>())
                        .put(chunk.get().number(), failure.getMessage());
            } finally {
                checked.forEach(CheckedRecording::close);
            }
        }
    }

    /** @param unparsable chunks the JDK parser failed on, by number, with the parser's words */
    private static CheckedRecording open(Path path, DamagedChunks damaged, Map<Integer, String> unparsable) {
        if (!Files.exists(path)) {
            throw new AnalysisException(NO_SUCH_FILE, "no such file: " + path);
        }
        List<Path> files = Files.isDirectory(path) ? repositoryFiles(path) : List.of(path);
        if (!Files.isRegularFile(files.get(0))) {
            throw new AnalysisException(NOT_JFR, "not a JFR file: " + path);
        }
        if (files.get(0).toFile().length() == 0) {
            // JFR creates the file when the recording starts and fills it when it stops.
            throw new AnalysisException(NOT_JFR, "empty file: " + path + "; JFR writes it when the recording stops."
                    + " If its JVM was killed, httpmem report --salvage DIR reads what it recorded from its JFR repository"
                    + " (the agent's start line names it)");
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file)) {
                chunks.addAll(ChunkWalk.chunks(file, channel, chunks.size() + 1));
            } catch (AccessDeniedException e) {
                throw new AnalysisException(UNREADABLE, "cannot read " + file + ": permission denied");
            } catch (IOException e) {
                throw new AnalysisException(UNREADABLE, "cannot read " + file + ": " + e.getMessage());
            }
        }
        chunks.replaceAll(c -> unparsable.containsKey(c.number()) ? c.damaged(unparsable.get(c.number())) : c);
        List<Chunk> readable = chunks.stream().filter(Chunk::readable).toList();
        List<String> incomplete = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            String which = chunk.which(path, chunks.size());
            if (chunk.state() == Chunk.State.DAMAGED) {
                if (damaged == DamagedChunks.REFUSE) {
                    throw corrupt(path, which + " is damaged: " + chunk.problem() + "; --salvage reads the chunks that are whole");
                }
                incomplete.add("left out " + which + ", damaged: " + chunk.problem() + " (" + share(chunk, chunks) + ")");
            } else if (chunk.state() == Chunk.State.UNFINISHED) {
                if (damaged == DamagedChunks.REFUSE) {
                    throw corrupt(path, which + " is unfinished: the recording is still running, or its JVM was killed;"
                            + " --salvage reads it up to its last flush");
                }
                incomplete.add("read " + which + " up to its last flush: it was never finished (its JVM was killed, or it is still recording)");
            }
        }
        if (readable.isEmpty()) {
            throw corrupt(path, "no chunk is readable: " + String.join("; ", incomplete));
        }
        long start = readable.stream().mapToLong(Chunk::startNanos).min().orElseThrow();
        long end = readable.stream().mapToLong(c -> c.startNanos() + c.durationNanos()).max().orElseThrow();
        RecordingInfo info = new RecordingInfo(path.toString(), Instant.ofEpochSecond(0, start),
                Duration.ofNanos(Math.max(0, end - start)), readable.size(),
                incomplete.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", incomplete)));
        if (files.size() == 1 && chunks.stream().allMatch(c -> c.state() == Chunk.State.SOUND)) {
            return new CheckedRecording(path, path, info, readable);
        }
        return new CheckedRecording(path, copy(readable), info, readable);
    }

    /** The chunk files of a JFR repository, in the order they were written (their names are their start times). */
    private static List<Path> repositoryFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> chunks = files.filter(f -> f.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(f))
                    .sorted().toList();
            if (chunks.isEmpty()) {
                throw new AnalysisException(NOT_JFR, "not a JFR file, nor a JFR repository folder with .jfr files: " + folder);
            }
            return chunks;
        } catch (IOException e) {
            throw new AnalysisException(UNREADABLE, "cannot read " + folder + ": " + e.getMessage());
        }
    }

    /** A temporary file of {@code chunks}, each unfinished one marked finished at its last flush. */
    static Path copy(List<Chunk> chunks) {
        Path copy = null;
        try {
            copy = Files.createTempFile("httpmem-readable-", ".jfr");
            copy.toFile().deleteOnExit();
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                for (Chunk chunk : chunks) {
                    long at = out.position();
                    try (FileChannel in = FileChannel.open(chunk.file())) {
                        for (long done = 0; done < chunk.size(); ) {
                            done += in.transferTo(chunk.position() + done, chunk.size() - done, out);
                        }
                    }
                    if (chunk.state() == Chunk.State.UNFINISHED) {
                        out.write(ByteBuffer.wrap(new byte[] {0}), at + ChunkWalk.GENERATION);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            if (copy != null) {
                copy.toFile().delete();
            }
            throw new UncheckedIOException("cannot copy the readable chunks to " + copy + ": " + e.getMessage(), e);
        }
    }

    private static String share(Chunk chunk, List<Chunk> chunks) {
        long bytes = chunks.stream().mapToLong(Chunk::size).sum();
        return Units.bytes(chunk.size()) + " of " + Units.bytes(bytes)
                + (chunk.startNanos() == 0 ? "" : ", " + Units.duration(Duration.ofNanos(chunk.durationNanos())) + " from "
                + Instant.ofEpochSecond(0, chunk.startNanos()));
    }

    static AnalysisException corrupt(Path file, String reason) {
        return new AnalysisException(CORRUPT, "truncated or corrupt JFR file: " + file + " (" + reason + ")");
    }
}
