package dev.httpmem.analysis.read;

import static dev.httpmem.analysis.read.AnalysisException.Kind.NOT_JFR;
import static dev.httpmem.analysis.read.AnalysisException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks each chunk of a file the way the JDK parser will rely on it, before the parser sees it: the JDK 17 parser
 * stops without a word at an event of size zero (and {@code jfr summary} loops forever), takes a chunk header's
 * offsets on trust and reports a truncated chunk as an index error or not at all. The walk reads every event's size
 * and type and the metadata to its last byte, so it finds a zeroed or cut range, a size that runs past its chunk,
 * damaged metadata, header offsets that point between events, a broken chain of constant pools and a header that
 * differs from the copy the JDK writes at each flush. What it cannot see (a damaged constant pool, say) the JDK
 * parser may still fail on: {@link RecordingCheck#read} then finds the chunk it fails on alone.
 * JFR carries no checksum: a flipped byte inside an event's values may pass all of this.
 */
final class ChunkWalk {
    static final int HEADER_SIZE = 68;
    static final int MAGIC = 0x464C5200; // "FLR\0"
    static final int GENERATION = 64; // 0 once finished, 255 while the header is rewritten, else flushes so far
    private static final int FINISHED = 0;
    private static final int UPDATING = 255;
    private static final int FLAGS = 67;
    private static final int COMPRESSED_INTEGERS = 1;
    private static final long METADATA = 0;
    private static final long CHECKPOINT = 1;
    private static final int MAX_ELEMENT_DEPTH = 32;

    private final ByteBuffer chunk;
    private final long base;
    private int index;
    /** Set when a compressed integer ran past the end given to {@link #varLong}. */
    private boolean overrun;
    /** The events walked so far, metadata and constant pools aside. */
    private long events;

    private ChunkWalk(ByteBuffer chunk, long base) {
        this.chunk = chunk;
        this.base = base;
    }

    /**
     * The chunks of {@code file}, in file order; a chunk whose header cannot be trusted ends the list.
     *
     * @param firstNumber the first chunk's number in its recording
     */
    static List<Chunk> chunks(Path file, FileChannel channel, int firstNumber) throws IOException {
        long fileSize = channel.size();
        List<Chunk> chunks = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        long position = 0;
        while (position < fileSize) {
            header.clear();
            int read = channel.read(header, position);
            if (position == 0 && (read < 4 || header.getInt(0) != MAGIC)) {
                throw new AnalysisException(NOT_JFR, "not a JFR file: " + file);
            }
            Chunk chunk = chunk(firstNumber + chunks.size(), file, channel, header, read, position, fileSize);
            chunks.add(chunk);
            if ((chunk.state() == Chunk.State.DAMAGED && chunk.startNanos() == 0) || chunk.state() == Chunk.State.UNFINISHED) {
                break; // no header to find the next chunk by; or what follows is its own data, written after its last flush
            }
            position += chunk.size();
        }
        if (chunks.isEmpty()) {
            throw new AnalysisException(NOT_JFR, "not a JFR file: " + file);
        }
        return chunks;
    }

    private static Chunk chunk(int number, Path file, FileChannel channel, ByteBuffer header, int read, long position, long fileSize)
            throws IOException {
        long rest = fileSize - position;
        if (read < HEADER_SIZE) {
            return Chunk.damaged(number, file, position, rest, 0, 0, "the file ends inside a chunk header, at byte " + fileSize);
        }
        if (header.getInt(0) != MAGIC) {
            return Chunk.damaged(number, file, position, rest, 0, 0, "no chunk begins at byte " + position);
        }
        short major = header.getShort(4);
        if (major != 1 && major != 2) {
            throw new AnalysisException(UNSUPPORTED, "unsupported JFR version " + major + "." + header.getShort(6)
                    + " in chunk at byte " + position + ": " + file);
        }
        long size = header.getLong(8);
        long start = header.getLong(32);
        long duration = header.getLong(40);
        int generation = header.get(GENERATION) & 0xFF;
        if (size < HEADER_SIZE || start <= 0) {
            return Chunk.damaged(number, file, position, rest, 0, 0, "the chunk header at byte " + position + " gives size "
                    + size + " and start " + start);
        }
        if (generation == UPDATING) {
            return Chunk.damaged(number, file, position, Math.min(size, rest), start, duration,
                    "the chunk at byte " + position + " was cut while its header was being rewritten");
        }
        if (size > rest) {
            return Chunk.damaged(number, file, position, rest, start, duration, "the file ends at byte " + fileSize
                    + ", inside the chunk that begins at byte " + position + " and has " + size + " bytes");
        }
        if ((header.get(FLAGS) & COMPRESSED_INTEGERS) == 0) {
            throw new AnalysisException(UNSUPPORTED, "a chunk without compressed integers at byte " + position
                    + " (JDK 11 and later write them): " + file);
        }
        if (size > Integer.MAX_VALUE) {
            throw new AnalysisException(UNSUPPORTED, "a chunk of " + size + " bytes at byte " + position
                    + " (more than 2 GiB): " + file);
        }
        ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
        ChunkWalk walk = new ChunkWalk(bytes, position);
        String problem = walk.problem(header);
        if (!problem.isEmpty()) {
            return Chunk.damaged(number, file, position, size, start, duration, problem);
        }
        Chunk.State state = generation == FINISHED ? Chunk.State.SOUND : Chunk.State.UNFINISHED;
        return new Chunk(number, file, position, size, start, duration, state, "", walk.events);
    }

    /** What is wrong with this chunk's layout, naming the file's byte; empty when nothing is. */
    private String problem(ByteBuffer header) {
        int size = chunk.limit();
        long constantPools = header.getLong(16);
        long metadata = header.getLong(24);
        boolean metadataFound = false;
        Set<Integer> checkpoints = new HashSet<>();
        index = HEADER_SIZE;
        while (index < size) {
            int event = index;
            long eventSize = varLong(size);
            if (overrun || eventSize < 0) {
                return "the size of the event at byte " + (base + event) + " runs past the end of its chunk";
            }
            if (eventSize <= index - event || eventSize > size - event) {
                return "the event at byte " + (base + event) + " gives its size as " + eventSize + " bytes, "
                        + (eventSize <= index - event ? "too few to hold one" : "more than its chunk has left ("
                        + (size - event) + ")");
            }
            int end = (int) (event + eventSize);
            long type = varLong(end);
            if (overrun || type < 0) {
                return "the event at byte " + (base + event) + " has no valid type";
            }
            if (type == METADATA) {
                String problem = metadataProblem(event, end);
                if (!problem.isEmpty()) {
                    return problem;
                }
            }
            if (event == metadata) {
                if (type != METADATA) {
                    return "the chunk header's metadata offset points at an event of type " + type
                            + " (byte " + (base + event) + ")";
                }
                metadataFound = true;
            }
            if (type == CHECKPOINT) {
                checkpoints.add(event);
            } else if (type != METADATA) {
                events++;
            }
            index = end;
        }
        if (!metadataFound) {
            return "no event begins at the chunk header's metadata offset (byte " + (base + metadata) + ")";
        }
        return constantPoolProblem(constantPools, checkpoints, header);
    }

    /**
     * Reads the metadata event's string table and element tree to its last byte: a damaged range there leaves the
     * JDK parser with fewer types than the chunk has (their events then vanish without a word) or none.
     */
    private String metadataProblem(int event, int end) {
        for (int field = 0; field < 3; field++) { // start time, duration, metadata id
            varLong(end);
        }
        long strings = varLong(end);
        for (long i = 0; i < strings && !overrun; i++) {
            skipString(end);
        }
        boolean whole = !overrun && element(end, strings, 0) && !overrun && index == end;
        overrun = false;
        return whole ? "" : "the metadata event at byte " + (base + event) + " does not read to its end";
    }

    /** Reads one element of the metadata tree and its children; false when it cannot be one. */
    private boolean element(int end, long strings, int depth) {
        if (depth > MAX_ELEMENT_DEPTH || varLong(end) >= strings) { // its name
            return false;
        }
        long attributes = varLong(end);
        for (long i = 0; i < attributes && !overrun; i++) {
            long key = varLong(end);
            long value = varLong(end);
            if (key >= strings || value >= strings) {
                return false;
            }
        }
        long children = varLong(end);
        for (long i = 0; i < children && !overrun; i++) {
            if (!element(end, strings, depth + 1)) {
                return false;
            }
        }
        return !overrun;
    }

    /** Skips one string as JFR encodes it: null, empty, a constant pool reference, or its characters. */
    private void skipString(int end) {
        if (index >= end) {
            overrun = true;
            return;
        }
        int encoding = chunk.get(index++);
        switch (encoding) {
            case 0, 1 -> { } // null, empty
            case 2 -> varLong(end); // a reference into the string constant pool
            case 3, 5 -> { // UTF-8 or Latin-1 bytes
                long length = varLong(end);
                if (length < 0 || length > end - index) {
                    overrun = true;
                } else {
                    index += (int) length;
                }
            }
            case 4 -> { // UTF-16 characters, each a compressed integer
                long length = varLong(end);
                for (long i = 0; i < length && !overrun; i++) {
                    varLong(end);
                }
            }
            default -> overrun = true;
        }
    }

    /**
     * Follows the chain of constant pools from the header's offset back to the first: each must be a checkpoint
     * event found by the walk. The last one holds a copy of the header as of the last flush; both must agree.
     */
    private String constantPoolProblem(long constantPools, Set<Integer> checkpoints, ByteBuffer header) {
        long at = constantPools;
        for (int hops = 0; hops <= checkpoints.size(); hops++) {
            if (at > Integer.MAX_VALUE || !checkpoints.contains((int) at)) {
                return "no constant pool begins at byte " + (base + at) + ", where "
                        + (hops == 0 ? "the chunk header" : "the next constant pool") + " points";
            }
            if (hops == 0) {
                String copy = headerCopyProblem((int) at, header);
                if (!copy.isEmpty()) {
                    return copy;
                }
            }
            index = (int) at;
            int end = (int) (at + varLong(chunk.limit()));
            varLong(end); // type
            varLong(end); // start time
            varLong(end); // duration
            long delta = varLong(end);
            if (overrun) {
                return "the constant pool at byte " + (base + at) + " ends before its link to the one before it";
            }
            if (delta == 0) {
                return "";
            }
            at += delta;
        }
        return "the constant pools at byte " + (base + constantPools) + " point at each other in a loop";
    }

    private String headerCopyProblem(int lastCheckpoint, ByteBuffer header) {
        int end = chunk.limit();
        int copy = end - HEADER_SIZE;
        if (copy <= lastCheckpoint || chunk.getInt(copy) != MAGIC) {
            return ""; // a JDK that writes no copy
        }
        for (int i = 0; i < HEADER_SIZE; i++) {
            // The generation may move on between a flush and the rewrite of the header.
            if (i != GENERATION && chunk.get(copy + i) != header.get(i)) {
                return "the chunk header differs from its copy at the chunk's end in byte " + (base + copy + i)
                        + " (header byte " + i + ")";
            }
        }
        return "";
    }

    /**
     * JFR's compressed integer at {@link #index}, which it advances: seven bits a byte, low bits first, the ninth
     * byte whole. Sets {@link #overrun} when it runs past {@code end}.
     */
    private long varLong(int end) {
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            if (index >= end) {
                overrun = true;
                return 0;
            }
            byte b = chunk.get(index++);
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        if (index >= end) {
            overrun = true;
            return 0;
        }
        return value | (long) (chunk.get(index++) & 0xFF) << 56;
    }
}
