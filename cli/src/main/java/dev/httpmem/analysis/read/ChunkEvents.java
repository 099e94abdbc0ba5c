package dev.httpmem.analysis.read;

import static dev.httpmem.analysis.read.AnalysisException.Kind.CORRUPT;
import static dev.httpmem.analysis.read.AnalysisException.Kind.UNSUPPORTED;

import dev.httpmem.analysis.attribution.StackFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of chosen types in one chunk, read by position. A chunk's metadata names each type's fields in the
 * order they are written; the fields wanted are found there by name (a renamed field is an error here, never a 0),
 * and an event is read by a plan made once per chunk and type: take this value, skip that one. Every event must
 * end where its size says. What the JDK parser does for every event of the file (objects for each value, its
 * constant pools resolved into them) is done here only for the few constant pools the events refer to: strings,
 * and threads for their Java ids.
 *
 * <p>Ticks become nanoseconds as the JDK's parser makes them, to the nanosecond, so that samples it read join
 * slices read here: with the tick origin of the first chunk it read ({@link Clock}), for every chunk after it too.
 */
public final class ChunkEvents {
    private static final long METADATA = 0;
    private static final long CHECKPOINT = 1;
    private static final int HEADER_CONSTANT_POOLS = 16;
    private static final int HEADER_METADATA = 24;
    private static final int HEADER_START_NANOS = 32;
    private static final int HEADER_START_TICKS = 48;
    private static final int HEADER_TICKS_PER_SECOND = 56;
    private static final String START_TIME = "startTime";
    private static final String DURATION = "duration";
    private static final String EVENT_THREAD = "eventThread";
    private static final String JAVA_THREAD_ID = "javaThreadId";
    private static final int MAX_DEPTH = 16;
    /** JFR's string encodings of characters: UTF-8 bytes, and Latin-1 bytes. */
    private static final int UTF_8 = 3;
    private static final int LATIN_1 = 5;
    private static final int RECENT_STRINGS = 1024;
    private static final int MAX_RECENT_LENGTH = 64;
    /** JFR numbers its types from a few hundred up; a larger id is damage. */
    private static final long MAX_TYPE_ID = 1 << 20;

    /**
     * An event type to read, and the fields wanted of it by name.
     *
     * @param optional those of {@code fields} that recordings of older agents lack: absent, they read as unset
     */
    public record Wanted(String type, List<String> fields, Set<String> optional) {
        public Wanted {
            fields = List.copyOf(fields);
            optional = Set.copyOf(optional);
        }

        public Wanted(String type, List<String> fields) {
            this(type, fields, Set.of());
        }
    }

    /**
     * How the JDK's parser turns ticks into nanoseconds since the epoch (jdk.jfr.internal.consumer.TimeConverter):
     * from the tick origin of the first chunk of the file, which each later chunk's parser takes over from the one
     * before (ChunkParser, JDK 17 to 25), not from the chunk's own header: later chunks' times are off by the drift
     * between the clocks, tens of nanoseconds, and those of a sample and of its slice must be off alike.
     *
     * @param divisor ticks per second over 10^9, in whole numbers (a long division), as the JDK has it
     */
    record Clock(long startNanos, long startTicks, double divisor) {
        /** The clock of the file whose first chunk is {@code firstChunk} (its header at least). */
        static Clock of(ByteBuffer firstChunk) {
            return new Clock(rawLong(firstChunk, HEADER_START_NANOS), rawLong(firstChunk, HEADER_START_TICKS),
                    rawLong(firstChunk, HEADER_TICKS_PER_SECOND) / 1_000_000_000L);
        }

        long nanos(long ticks) {
            return startNanos + (long) ((ticks - startTicks) / divisor);
        }
    }

    /** One event read; its values are valid until the next one is. */
    public static final class Event {
        /** Its type's place in the list of wanted types. */
        int wanted;
        long startNanos;
        long endNanos;
        /** {@link Events#threadKey}'s key of the thread it ran on, or {@link #NO_THREAD}. */
        long threadKey;
        final long[] numbers;
        final String[] texts;
        /** Which wanted fields its type has: all but absent optional ones. */
        final boolean[] present;
        /** The chunk's reader, which resolves its constant pool keys. */
        private final ChunkEvents chunk;

        private Event(int fields, ChunkEvents chunk) {
            numbers = new long[fields];
            texts = new String[fields];
            present = new boolean[fields];
            this.chunk = chunk;
        }

        /**
         * A copy that stays as it is when the next event is read, for an event to be handled later; without its
         * chunk's constant pools, which it needs only for {@link #stackTrace} and {@link #className}.
         */
        public Event copy() {
            Event copy = new Event(numbers.length, null);
            copy.wanted = wanted;
            copy.startNanos = startNanos;
            copy.endNanos = endNanos;
            copy.threadKey = threadKey;
            System.arraycopy(numbers, 0, copy.numbers, 0, numbers.length);
            System.arraycopy(texts, 0, copy.texts, 0, texts.length);
            System.arraycopy(present, 0, copy.present, 0, present.length);
            return copy;
        }

        /**
         * The wanted field {@code field} of type {@code jdk.types.StackTrace}, innermost frame first, as
         * {@link Events#stack} makes it of the JDK parser's; empty when unset.
         */
        public List<StackFrame> stackTrace(int field) {
            return chunk.stackTrace(numbers[field]);
        }

        /** The wanted field {@code field} of type {@code java.lang.Class}, in Java's spelling ({@link Events#className}). */
        public String className(int field) {
            String name = chunk.className(numbers[field]);
            return name == null ? Events.UNKNOWN_CLASS : name;
        }

        public long startNanos() {
            return startNanos;
        }

        public long endNanos() {
            return endNanos;
        }

        /** The key {@link Events#threadKey} gives its thread, or {@link #NO_THREAD}. */
        public long threadKey() {
            return threadKey;
        }

        /** The wanted field {@code field} (its place in {@link Wanted#fields}) of a number type; 0 when absent. */
        public long number(int field) {
            return numbers[field];
        }

        /** The wanted field {@code field} of a boolean type, {@code absent} when its type lacks it. */
        public boolean flag(int field, boolean absent) {
            return present[field] ? numbers[field] != 0 : absent;
        }

        /** The wanted field {@code field} of type String, null when unset or absent. */
        public String text(int field) {
            return texts[field];
        }

        public boolean present(int field) {
            return present[field];
        }
    }

    /** What {@link Event#threadKey} is for an event that names no thread. */
    public static final long NO_THREAD = Long.MIN_VALUE;

    interface Sink {
        void event(Event event);
    }

    /** How a field is read: one op per field of an event type, in the order written. */
    private enum Op { SKIP, NUMBER, BOOLEAN, TEXT, START, DURATION, THREAD, CONSTANT }

    private static final String CLASS = "java.lang.Class";
    private static final String METHOD = "jdk.types.Method";
    private static final String SYMBOL = "jdk.types.Symbol";
    private static final String STACK_TRACE = "jdk.types.StackTrace";
    private static final String FRAME_TYPE = "jdk.types.FrameType";
    /** The constant pools whose entries wanted fields may refer to, and those these refer to in turn. */
    private static final Set<String> RESOLVED = Set.of(CLASS, METHOD, SYMBOL, STACK_TRACE, FRAME_TYPE);
    /** The types of constant pool fields an event read here may have: their keys are resolved on demand. */
    private static final Set<String> RESOLVABLE_FIELDS = Set.of(CLASS, STACK_TRACE);

    /** A type of the metadata: a primitive, or its fields in the order they are written. */
    private static final class Type {
        final long id;
        final String name;
        final List<Field> fields = new ArrayList<>();

        Type(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** A field of a type of the metadata; {@link #type} is linked once the metadata is read whole. */
    private static final class Field {
        final String name;
        final long typeId;
        final boolean constantPool;
        final boolean array;
        Type type;

        Field(String name, long typeId, boolean constantPool, boolean array) {
            this.name = name;
            this.typeId = typeId;
            this.constantPool = constantPool;
            this.array = array;
        }

        String name() {
            return name;
        }

        boolean constantPool() {
            return constantPool;
        }

        boolean array() {
            return array;
        }
    }

    /**
     * What to do with each field of a wanted type, and where to put what it takes.
     *
     * @param missing why its events cannot be read (a field it lacks), said only if the chunk holds one; or null
     */
    private record Plan(int wanted, Op[] ops, int[] slots, Field[] fields, Event event, AnalysisException missing,
                        LastTexts lastTexts) {}

    /**
     * The text each field of a type had in the event read last, and its bytes as JFR wrote it: an event's texts mostly
     * repeat those of the one before (protocol, method, path, outcome, slice kind), and the same bytes are the same
     * text, as JFR's encodings of a string end where they say. Comparing the bytes whole, rather than decoding them
     * anew char by char, took a tenth off report's analysis of a 118 MB recording in a warm JVM.
     */
    private static final class LastTexts {
        private static final int MAX_BYTES = 64;
        private final byte[][] encoded;
        private final String[] texts;

        LastTexts(int fields) {
            encoded = new byte[fields][];
            texts = new String[fields];
        }
    }

    private final ByteBuffer bytes;
    private final Path file;
    private final long base;
    private final Metadata metadata;
    private Map<Long, Type> types = new HashMap<>();
    private Map<String, Type> typesByName = new HashMap<>();
    /** Short strings made last, by a hash of their characters ({@link #recent}). */
    private final String[] recentStrings = new String[RECENT_STRINGS];
    private final char[] chars = new char[MAX_RECENT_LENGTH];
    /** Events of each type id the metadata declares, counted. */
    private long[] countsById;
    private final Map<Long, String> strings = new HashMap<>();
    /** Thread constant pool key to its {@link Events#threadKey} key. */
    private final Map<Long, Long> threads = new HashMap<>();
    /** Where each entry of the {@link #RESOLVED} constant pools is, by the pool's type name and the entry's key. */
    private final Map<String, Map<Long, Integer>> entries = new HashMap<>();
    /** The entries resolved so far: a chunk's samples share few stack traces. */
    private final Map<Long, List<StackFrame>> stackTraces = new HashMap<>();
    private final Map<Long, MethodName> methods = new HashMap<>();
    private final Map<Long, String> classes = new HashMap<>();
    private final Map<Long, String> symbols = new HashMap<>();
    private final Map<Long, StackFrame.Execution> frameTypes = new HashMap<>();
    private final Clock clock;
    private int index;

    private ChunkEvents(ByteBuffer bytes, Path file, long base, Clock clock, Metadata metadata) {
        this.bytes = bytes;
        this.file = file;
        this.base = base;
        this.clock = clock;
        this.metadata = metadata;
    }

    /**
     * The types of the metadata a reading met last, and its bytes: the chunks of a recording mostly repeat their
     * metadata (100-odd KB) byte for byte, and reading it anew was a tenth of a reading's time; the types made of it
     * are not changed once read.
     */
    static final class Metadata {
        private byte[] bytes = new byte[0];
        private Map<Long, Type> types;
        private Map<String, Type> typesByName;

        private boolean holds(ByteBuffer chunk, int from, int to) {
            return to - from == bytes.length && chunk.slice(from, to - from).mismatch(ByteBuffer.wrap(bytes)) < 0;
        }

        private void remember(ByteBuffer chunk, int from, int to, Map<Long, Type> read, Map<String, Type> readByName) {
            bytes = new byte[to - from];
            chunk.get(from, bytes);
            types = read;
            typesByName = readByName;
        }
    }

    /**
     * Reads the events of the {@code wanted} types in {@code chunk}, which {@link ChunkWalk} found sound or readable
     * up to its last flush, and hands each to {@code sink} in file order.
     *
     * @param bytes the chunk's bytes, from index 0 to its limit
     * @param clock the file's, as the JDK's parser converts its times
     * @param metadata the metadata of the chunk read before in the reading, taken when this chunk's is the same
     * @return how many events of each type the chunk holds, metadata and constant pools aside
     */
    static Map<String, Long> read(Chunk chunk, ByteBuffer bytes, Clock clock, Metadata metadata, List<Wanted> wanted,
                                  Sink sink) {
        ChunkEvents events = new ChunkEvents(bytes, chunk.file(), chunk.position(), clock, metadata);
        try {
            events.metadata((int) rawLong(bytes, HEADER_METADATA));
            events.constantPools((int) rawLong(bytes, HEADER_CONSTANT_POOLS));
            return events.events(events.plans(wanted), sink);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException | NumberFormatException e) {
            // Values that run past their chunk, or metadata that is none: the walk checks sizes, not values.
            throw new AnalysisException(CORRUPT, "the chunk at byte " + chunk.position() + " of " + chunk.file()
                    + " does not read as JFR writes: " + e.getClass().getSimpleName() + " at byte "
                    + (chunk.position() + events.index));
        }
    }

    private Map<String, Long> events(Map<Long, Plan> plans, Sink sink) {
        // By type id, in arrays: a map's boxed keys were a fifth of what a reading allocated.
        Plan[] plansById = new Plan[countsById.length];
        plans.forEach((id, plan) -> plansById[id.intValue()] = plan);
        Map<Long, long[]> undeclared = new HashMap<>();
        index = ChunkWalk.HEADER_SIZE;
        while (index < bytes.limit()) {
            int event = index;
            int end = event + (int) varLong();
            long type = varLong();
            Plan plan = null;
            if (type > CHECKPOINT && type < countsById.length) {
                countsById[(int) type]++;
                plan = plansById[(int) type];
            } else if (type != METADATA && type != CHECKPOINT) {
                undeclared.computeIfAbsent(type, t -> new long[1])[0]++;
            }
            if (plan != null && plan.missing() != null) {
                throw plan.missing();
            }
            if (plan != null) {
                read(plan);
                if (index != end) {
                    throw corrupt(event, "reads to byte " + (base + index) + ", not to its size's end at byte " + (base + end));
                }
                sink.event(plan.event());
            }
            index = end;
        }
        Map<String, Long> byName = new HashMap<>();
        for (int id = 0; id < countsById.length; id++) {
            if (countsById[id] > 0) {
                byName.merge(types.containsKey((long) id) ? types.get((long) id).name : "#" + id, countsById[id], Long::sum);
            }
        }
        undeclared.forEach((type, count) -> byName.merge("#" + type, count[0], Long::sum));
        return byName;
    }

    private void read(Plan plan) {
        Event event = plan.event();
        event.threadKey = NO_THREAD;
        long start = 0;
        long duration = 0;
        for (int i = 0; i < plan.ops().length; i++) {
            switch (plan.ops()[i]) {
                case SKIP -> skip(plan.fields()[i], 0);
                case NUMBER -> event.numbers[plan.slots()[i]] = varLong();
                case BOOLEAN -> event.numbers[plan.slots()[i]] = bytes.get(index++) != 0 ? 1 : 0;
                case TEXT -> event.texts[plan.slots()[i]] = text(plan.lastTexts(), i);
                case START -> start = varLong();
                case DURATION -> duration = varLong();
                case THREAD -> {
                    Long key = threads.get(varLong());
                    event.threadKey = key == null ? NO_THREAD : key;
                }
                case CONSTANT -> event.numbers[plan.slots()[i]] = varLong();
            }
        }
        event.startNanos = clock.nanos(start);
        event.endNanos = clock.nanos(start + duration);
    }

    /** A plan for each type of a wanted name: a JVM may have registered two event classes of one name. */
    private Map<Long, Plan> plans(List<Wanted> wanted) {
        Map<Long, Plan> plans = new HashMap<>();
        for (Type type : types.values()) {
            for (int w = 0; w < wanted.size(); w++) {
                if (wanted.get(w).type().equals(type.name)) {
                    plans.put(type.id, plan(type, wanted.get(w), w));
                }
            }
        }
        return plans;
    }

    private Plan plan(Type type, Wanted wanted, int w) {
        List<String> fields = wanted.fields();
        Field[] layout = type.fields.toArray(new Field[0]);
        Op[] ops = new Op[layout.length];
        int[] slots = new int[layout.length];
        for (int f = 0; f < layout.length; f++) {
            slots[f] = fields.indexOf(layout[f].name());
            ops[f] = op(layout[f], slots[f]);
        }
        Event event = new Event(fields.size(), this);
        event.wanted = w;
        AnalysisException missing = null;
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f);
            event.present[f] = type.fields.stream().anyMatch(field -> field.name().equals(name) && !field.array());
            if (!event.present[f] && !wanted.optional().contains(name) && missing == null) {
                missing = AnalysisException.missingField(file, type.name, name);
            }
        }
        return new Plan(w, ops, slots, layout, event, missing, new LastTexts(layout.length));
    }

    private Op op(Field field, int slot) {
        String typeName = field.type.name;
        if (field.array()) {
            return Op.SKIP;
        }
        if (slot < 0) {
            return switch (field.name()) {
                case START_TIME -> Op.START;
                case DURATION -> Op.DURATION;
                case EVENT_THREAD -> field.constantPool() ? Op.THREAD : Op.SKIP;
                default -> Op.SKIP;
            };
        }
        if (typeName.equals("java.lang.String") && !field.constantPool()) {
            return Op.TEXT;
        }
        if (field.constantPool() && RESOLVABLE_FIELDS.contains(typeName)) {
            return Op.CONSTANT;
        }
        if (typeName.equals("boolean")) {
            return Op.BOOLEAN;
        }
        if (!field.constantPool() && (typeName.equals("long") || typeName.equals("int") || typeName.equals("short")
                || typeName.equals("char"))) {
            return Op.NUMBER;
        }
        throw new AnalysisException(UNSUPPORTED, "unsupported httpmem events in " + file + ": field '" + field.name()
                + "' is a " + typeName + ", which httpmem reads as neither a number, a string, a class nor a stack trace");
    }

    /** The metadata event: its string table, then its element tree, whose "class" elements are the types. */
    private void metadata(int at) {
        index = at;
        int end = at + (int) varLong();
        if (varLong() != METADATA) {
            throw corrupt(at, "is not the metadata the chunk header points at");
        }
        varLong(); // start time
        varLong(); // duration
        varLong(); // metadata id
        int from = index;
        if (metadata.holds(bytes, from, end)) {
            types = metadata.types;
            typesByName = metadata.typesByName;
        } else {
            types(at);
            metadata.remember(bytes, from, end, types, typesByName);
        }
        long maxId = 0;
        for (long id : types.keySet()) {
            maxId = Math.max(maxId, id);
        }
        countsById = new long[(int) maxId + 1];
    }

    /** The types of the metadata {@code at}: its string table, then its element tree. */
    private void types(int at) {
        String[] table = new String[(int) varLong()];
        for (int i = 0; i < table.length; i++) {
            table[i] = string();
        }
        element(table, null, 0);
        for (Type type : types.values()) {
            for (Field field : type.fields) {
                field.type = types.get(field.typeId);
                if (field.type == null) {
                    throw corrupt(at, "declares a field of a type it does not declare");
                }
            }
        }
        for (long id : types.keySet()) {
            if (id < 0 || id > MAX_TYPE_ID) {
                throw corrupt(at, "declares a type id beyond " + MAX_TYPE_ID);
            }
        }
    }

    private void element(String[] table, Type owner, int depth) {
        if (depth > MAX_DEPTH) {
            throw corrupt(index, "nests its metadata deeper than " + MAX_DEPTH);
        }
        String name = table[(int) varLong()];
        Map<String, String> attributes = new HashMap<>();
        for (long i = varLong(); i > 0; i--) {
            String key = table[(int) varLong()];
            attributes.put(key, table[(int) varLong()]);
        }
        Type type = null;
        if (name.equals("class")) {
            type = new Type(Long.parseLong(attributes.get("id")), attributes.get("name"));
            types.put(type.id, type);
            typesByName.put(type.name, type);
        } else if (name.equals("field") && owner != null) {
            owner.fields.add(new Field(attributes.get("name"), Long.parseLong(attributes.get("class")),
                    "true".equals(attributes.get("constantPool")), "1".equals(attributes.get("dimension"))));
        }
        for (long i = varLong(); i > 0; i--) {
            // A field's own children (its annotations) belong to no type.
            element(table, type != null ? type : name.equals("field") ? null : owner, depth + 1);
        }
    }

    /** Follows the chain of constant pools back from the last, keeping the strings and the threads' ids. */
    private void constantPools(int last) {
        Type string = null;
        Type thread = null;
        for (Type type : types.values()) {
            if (type.name.equals("java.lang.String")) {
                string = type;
            } else if (type.name.equals("java.lang.Thread")) {
                thread = type;
            }
        }
        int at = last;
        for (int hops = 0; ; hops++) {
            index = at;
            varLong(); // size
            if (varLong() != CHECKPOINT || hops > bytes.limit()) {
                throw corrupt(at, "is not the constant pool the chain of constant pools points at");
            }
            varLong(); // start time
            varLong(); // duration
            long delta = varLong();
            index++; // whether a flush wrote it
            for (long pools = varLong(); pools > 0; pools--) {
                Type type = types.get(varLong());
                if (type == null) {
                    throw corrupt(at, "holds a constant pool of a type its metadata does not declare");
                }
                Map<Long, Integer> positions = RESOLVED.contains(type.name)
                        ? entries.computeIfAbsent(type.name, name -> new HashMap<>()) : null;
                for (long count = varLong(); count > 0; count--) {
                    long key = varLong();
                    if (type == string) {
                        strings.put(key, string());
                    } else if (type == thread) {
                        threads.put(key, threadKey(key, thread));
                    } else {
                        if (positions != null) {
                            positions.put(key, index);
                        }
                        value(type, 0);
                    }
                }
            }
            if (delta == 0) {
                return;
            }
            at += (int) delta;
        }
    }

    /** A stack frame as its stack trace's entry holds it: its method's and frame type's keys, and its line. */
    private record FrameKeys(long method, int line, long kind) {
    }

    /** A method's class (in Java's spelling) and name, and whether it is hidden (a lambda form's, say). */
    private record MethodName(String className, String name, boolean hidden) {
    }

    /** Reads one field of a constant pool entry's value, or returns false for it to be skipped. */
    private interface FieldReader {
        boolean read(Field field);
    }

    /**
     * Reads the entry {@code key} of the constant pool of type {@code typeName}, field by field in the order
     * written, and returns whether the chunk has it: JFR leaves out entries it could not write (a method of a class
     * unloaded since), and the JDK's parser gives such a value none. Where the reading was is kept: entries are
     * resolved in the middle of an event's handling.
     */
    private boolean entry(String typeName, long key, FieldReader reader) {
        Map<Long, Integer> positions = entries.get(typeName);
        Integer at = positions == null ? null : positions.get(key);
        if (at == null) {
            return false;
        }
        int resume = index;
        index = at;
        try {
            for (Field field : typesByName.get(typeName).fields) {
                if (!reader.read(field)) {
                    skip(field, 1);
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw corrupt(at, "holds a " + typeName + " that runs past its chunk");
        } finally {
            index = resume;
        }
        return true;
    }

    private List<StackFrame> stackTrace(long key) {
        List<StackFrame> known = stackTraces.get(key);
        if (known != null) {
            return known;
        }
        List<FrameKeys> keys = new ArrayList<>();
        entry(STACK_TRACE, key, field -> {
            if (!field.name().equals("frames") || !field.array()) {
                return false;
            }
            for (long n = varLong(); n > 0; n--) {
                long method = 0;
                int line = 0;
                long kind = 0;
                for (Field part : field.type.fields) {
                    switch (part.name()) {
                        case "method" -> method = varLong();
                        case "lineNumber" -> line = (int) varLong();
                        case "type" -> kind = varLong();
                        default -> skip(part, 1);
                    }
                }
                keys.add(new FrameKeys(method, line, kind));
            }
            return true;
        });
        List<StackFrame> frames = new ArrayList<>(keys.size());
        for (FrameKeys frame : keys) {
            MethodName method = method(frame.method());
            if (method != null && !method.hidden()) {
                frames.add(new StackFrame(method.className(), method.name(), Math.max(frame.line(), 0),
                        frameType(frame.kind())));
            }
        }
        List<StackFrame> resolved = List.copyOf(frames);
        stackTraces.put(key, resolved);
        return resolved;
    }

    /** A frame's method, or null where the chunk names none or not its class, as {@link Events#stack} leaves such out. */
    private MethodName method(long key) {
        if (methods.containsKey(key)) {
            return methods.get(key);
        }
        long[] typeAndName = new long[2];
        boolean[] hidden = {false};
        boolean present = entry(METHOD, key, field -> {
            switch (field.name()) {
                case "type" -> typeAndName[0] = varLong();
                case "name" -> typeAndName[1] = varLong();
                case "hidden" -> hidden[0] = bytes.get(index++) != 0;
                default -> {
                    return false;
                }
            }
            return true;
        });
        String type = present ? className(typeAndName[0]) : null;
        MethodName method = type == null ? null : new MethodName(type, symbol(typeAndName[1]), hidden[0]);
        methods.put(key, method);
        return method;
    }

    private String className(long key) {
        if (classes.containsKey(key)) {
            return classes.get(key);
        }
        long[] name = {0};
        boolean present = entry(CLASS, key, field -> {
            if (!field.name().equals("name")) {
                return false;
            }
            name[0] = varLong();
            return true;
        });
        String symbol = present ? symbol(name[0]) : null;
        String className = symbol == null ? null : Events.className(symbol.replace('/', '.'));
        classes.put(key, className);
        return className;
    }

    private String symbol(long key) {
        if (!symbols.containsKey(key)) {
            symbols.put(key, entryText(SYMBOL, key, "string"));
        }
        return symbols.get(key);
    }

    private StackFrame.Execution frameType(long key) {
        return frameTypes.computeIfAbsent(key, k -> StackFrame.Execution.of(entryText(FRAME_TYPE, k, "description")));
    }

    /** The text field {@code name} of a constant pool entry; null where the entry or its text is missing. */
    private String entryText(String typeName, long key, String name) {
        String[] text = {null};
        entry(typeName, key, field -> {
            if (!field.name().equals(name)) {
                return false;
            }
            text[0] = string();
            return true;
        });
        return text[0];
    }

    /** A thread's value, read for its Java id: {@link Events#threadKey}'s key for it. */
    private long threadKey(long constantPoolKey, Type thread) {
        long javaId = 0;
        for (Field field : thread.fields) {
            if (field.name().equals(JAVA_THREAD_ID) && !field.constantPool() && !field.array()) {
                javaId = varLong();
            } else {
                skip(field, 0);
            }
        }
        return javaId > 0 ? javaId : -1 - constantPoolKey;
    }

    private void skip(Field field, int depth) {
        if (field.array()) {
            for (long n = varLong(); n > 0; n--) {
                element(field, depth);
            }
        } else {
            element(field, depth);
        }
    }

    private void element(Field field, int depth) {
        if (field.constantPool()) {
            varLong();
        } else {
            value(field.type, depth);
        }
    }

    /** Skips one value of {@code type}, as JFR writes it. */
    private void value(Type type, int depth) {
        if (depth > MAX_DEPTH) {
            throw corrupt(index, "nests values deeper than " + MAX_DEPTH);
        }
        switch (type.name) {
            case "boolean", "byte" -> index++;
            case "char", "short", "int", "long" -> varLong();
            case "float" -> index += Float.BYTES;
            case "double" -> index += Double.BYTES;
            case "java.lang.String" -> string();
            default -> {
                for (Field field : type.fields) {
                    skip(field, depth + 1);
                }
            }
        }
    }

    /** The string at {@link #index}, a value of the field {@code field}: the field's last where the bytes are its. */
    private String text(LastTexts last, int field) {
        if (!bytes.hasArray()) {
            return string(); // a mapped chunk (larger than the heap buffer), rare: read as it is
        }
        byte[] known = last.encoded[field];
        if (known != null && index + known.length <= bytes.limit()) {
            int at = bytes.arrayOffset() + index;
            if (Arrays.equals(bytes.array(), at, at + known.length, known, 0, known.length)) {
                index += known.length;
                return last.texts[field];
            }
        }
        int start = index;
        String text = string();
        int length = index - start;
        if (length <= LastTexts.MAX_BYTES) {
            if (known == null || known.length != length) {
                known = new byte[length];
                last.encoded[field] = known;
            }
            bytes.get(start, known);
            last.texts[field] = text;
        }
        return text;
    }


    /** A string as JFR encodes it: null, empty, a constant pool reference, or its characters. */
    private String string() {
        int encoding = bytes.get(index++);
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                return strings.get(varLong());
            case 3:
                return bytes(UTF_8, (int) varLong());
            case 4: {
                int length = (int) varLong();
                char[] text = length <= MAX_RECENT_LENGTH ? chars : new char[length];
                for (int i = 0; i < length; i++) {
                    text[i] = (char) varLong();
                }
                return length <= MAX_RECENT_LENGTH ? recent(length) : new String(text);
            }
            case 5:
                return bytes(LATIN_1, (int) varLong());
            default:
                throw corrupt(index - 1, "has a string of unknown encoding " + encoding);
        }
    }

    /** A string of UTF-8 or Latin-1 bytes; a short one of ASCII (both) from {@link #recentStrings} where it is there. */
    private String bytes(int encoding, int length) {
        if (length <= MAX_RECENT_LENGTH) {
            boolean ascii = true;
            for (int i = 0; i < length; i++) {
                byte b = bytes.get(index + i);
                ascii &= b >= 0;
                chars[i] = (char) (b & 0xFF);
            }
            if (ascii || encoding == LATIN_1) {
                index += length;
                return recent(length);
            }
        }
        byte[] text = new byte[length];
        bytes.get(index, text);
        index += length;
        return new String(text, encoding == UTF_8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /**
     * The string of the first {@code length} of {@link #chars}: the one made last with the same hash slot when it is
     * that string. An event's texts (protocol, method, path, outcome, slice kind) repeat from event to event, and
     * making each anew was a third of what a reading allocated.
     */
    private String recent(int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ hash >>> 16) & (RECENT_STRINGS - 1);
        String known = recentStrings[slot];
        if (known != null && known.length() == length) {
            int i = 0;
            while (i < length && known.charAt(i) == chars[i]) {
                i++;
            }
            if (i == length) {
                return known;
            }
        }
        String made = new String(chars, 0, length);
        recentStrings[slot] = made;
        return made;
    }

    /** JFR's compressed integer: seven bits a byte, low bits first, the ninth byte whole. */
    private long varLong() {
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = bytes.get(index++);
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return value | (long) (bytes.get(index++) & 0xFF) << 56;
    }

    private static long rawLong(ByteBuffer bytes, int at) {
        return bytes.getLong(at); // big-endian, as a new buffer is
    }

    private AnalysisException corrupt(int at, String what) {
        return new AnalysisException(CORRUPT, "the event at byte " + (base + at) + " of " + file + " " + what);
    }
}
