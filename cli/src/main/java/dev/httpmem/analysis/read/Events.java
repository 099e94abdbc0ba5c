package dev.httpmem.analysis.read;

import dev.httpmem.analysis.attribution.Site;
import dev.httpmem.analysis.attribution.StackFrame;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.LeakedConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import dev.httpmem.schema.SliceFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/** How the analyses read the JDK's and httpmem's event fields. */
public final class Events {
    public static final int SITE_FRAMES = 3;

    private Events() {
    }

    /** Java thread id, or for threads the JVM never exposed to Java, the negated JFR thread id; null if none. */
    public static Long threadKey(RecordedEvent event) {
        // getValue looks the field up once; getThread() looks it up twice (hasField, then the value).
        if (!(event.getValue("eventThread") instanceof RecordedThread thread)) {
            return null;
        }
        long javaId = thread.getJavaThreadId();
        return javaId > 0 ? javaId : -1 - thread.getId();
    }

    /** What {@link #text} reads for an unset field. */
    public static final String NONE = "(none)";

    public static String text(RecordedEvent event, String field) {
        // One lookup of the field by name, where getString makes two: the JDK scans the event's fields for each, and
        // these scans were a quarter of report's parsing thread on a 1.9 M-event recording.
        return event.getValue(field) instanceof String value ? value : NONE;
    }

    private static final OptionalField STATUS = new OptionalField(ExchangeFields.STATUS);
    /** An {@code httpmem.Exchange}'s failure, and which stack it ran on. */
    public static final OptionalField FAILURE = new OptionalField(ExchangeFields.FAILURE);
    public static final OptionalField STACK = new OptionalField(ExchangeFields.STACK);
    /** Whether an {@code httpmem.Exchange}'s allocation was counted whole (recordings before the field: it was). */
    public static final OptionalField ALLOCATION_MEASURED = new OptionalField(ExchangeFields.ALLOCATION_MEASURED);
    /** An {@code httpmem.Exchange}'s and an {@code httpmem.Slice}'s role ({@link ExchangeRole#of}: absent, a server's). */
    public static final OptionalField EXCHANGE_ROLE = new OptionalField(ExchangeFields.ROLE);
    public static final OptionalField SLICE_ROLE = new OptionalField(SliceFields.ROLE);
    /** The role of an open exchange listed, and of the latest exchange of an idle or leaked connection listed. */
    public static final OptionalField OPEN_EXCHANGE_ROLE = new OptionalField(OpenExchangeFields.ROLE);
    public static final OptionalField IDLE_CONNECTION_ROLE = new OptionalField(IdleConnectionFields.ROLE);
    public static final OptionalField LEAKED_CONNECTION_ROLE = new OptionalField(LeakedConnectionFields.ROLE);
    /** An {@code httpmem.AgentStatistics}' servers the agent saw but did not instrument. */
    public static final OptionalField SERVERS_NOT_INSTRUMENTED =
            new OptionalField(AgentStatisticsFields.SERVERS_NOT_INSTRUMENTED);

    /** An {@code httpmem.Exchange}'s response status; 0 for none, and in recordings older than the field. */
    public static int status(RecordedEvent exchange) {
        return STATUS.in(exchange) ? exchange.getInt(ExchangeFields.STATUS) : 0;
    }

    /** A field that recordings from older agents lack: whether it is there is asked once per event type. */
    public static final class OptionalField {
        private final String name;
        /** Immutable, so analyses on other threads see a whole pair or look the field up again. */
        private Presence last;

        private record Presence(EventType type, boolean present) {
        }

        OptionalField(String name) {
            this.name = name;
        }

        boolean in(RecordedEvent event) {
            EventType type = event.getEventType();
            Presence seen = last;
            if (seen == null || seen.type() != type) {
                seen = new Presence(type, event.hasField(name));
                last = seen;
            }
            return seen.present();
        }

        /** The field's value as a flag: {@code absent} when the field is absent. */
        public boolean flag(RecordedEvent event, boolean absent) {
            return in(event) ? event.getBoolean(name) : absent;
        }

        /** The field's text: null when the field is absent or unset. */
        public String text(RecordedEvent event) {
            return in(event) && event.getValue(name) instanceof String value ? value : null;
        }
    }

    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The frame every NIO direct buffer is allocated under. */
    public static final String ALLOCATE_DIRECT = "java.nio.ByteBuffer.allocateDirect";
    /** How deep under {@link #ALLOCATE_DIRECT} the JDK allocates a direct buffer's objects (buffer, cleaner). */
    private static final int DIRECT_BUFFER_DEPTH = 4;

    /** The packages of the agent's own code, its shaded Byte Buddy among them. */
    private static final List<String> AGENT_PACKAGES = List.of("dev.httpmem.agent.", "dev.httpmem.shaded.");

    /** Whether the agent's own code made the allocation: transforming a class at its first use, say. */
    public static boolean byAgent(List<StackFrame> stack) {
        for (StackFrame frame : stack) {
            String type = frame.className();
            if (type.startsWith("dev.httpmem.") && AGENT_PACKAGES.stream().anyMatch(type::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The allocated class and the top {@link #SITE_FRAMES} frames of the sample's stack ({@link #stack}). The objects
     * a direct buffer's constructor allocates (the buffer, its cleaner) are sited from {@link #ALLOCATE_DIRECT} on, so
     * their site names who asked for the buffer whichever of them was sampled.
     */
    public static Site site(String objectClass, List<StackFrame> stack) {
        int from = 0;
        for (int i = 0; i < Math.min(stack.size(), DIRECT_BUFFER_DEPTH); i++) {
            if (stack.get(i).qualifiedMethod().equals(ALLOCATE_DIRECT)) {
                from = i;
                break;
            }
        }
        List<String> frames = new ArrayList<>(SITE_FRAMES);
        for (StackFrame frame : stack.subList(from, Math.min(stack.size(), from + SITE_FRAMES))) {
            frames.add(frame.line() > 0 ? frame.qualifiedMethod() + ":" + frame.line() : frame.qualifiedMethod());
        }
        return new Site(objectClass, frames);
    }

    /** {@link #site} of a sample the JDK's parser read. */
    public static Site site(RecordedClass objectClass, RecordedStackTrace stackTrace) {
        return site(className(objectClass), stack(stackTrace));
    }

    /**
     * The whole stack trace, innermost frame first, without hidden frames (lambda forms and hidden classes, whose
     * names differ from run to run) and frames that name no method.
     */
    public static List<StackFrame> stack(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return List.of();
        }
        List<StackFrame> frames = new ArrayList<>(stackTrace.getFrames().size());
        for (RecordedFrame frame : stackTrace.getFrames()) {
            if (named(frame) && !frame.getMethod().isHidden()) {
                frames.add(new StackFrame(className(frame.getMethod().getType()), frame.getMethod().getName(),
                        Math.max(frame.getLineNumber(), 0), StackFrame.Execution.of(frame.getType())));
            }
        }
        return frames;
    }

    /**
     * Whether the frame names its method and class. JFR's parser gives some frames none (their method's constant
     * is missing from the chunk): seen in the CLI's own tests once every allocation of 16 KiB or more was sampled.
     * Such a frame names nothing and is left out, as hidden ones are.
     */
    private static boolean named(RecordedFrame frame) {
        return frame.getMethod() != null && frame.getMethod().getType() != null;
    }

    /** What a sample's class reads as where the recording names none. */
    public static final String UNKNOWN_CLASS = "(unknown)";

    /** Java source spelling: {@code byte[]} rather than the descriptor {@code [B}. */
    public static String className(RecordedClass type) {
        return type == null ? UNKNOWN_CLASS : className(type.getName());
    }

    static String className(String name) {
        int dimensions = 0;
        while (dimensions < name.length() && name.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return name;
        }
        String element = switch (name.charAt(dimensions)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> name.substring(dimensions + 1, name.length() - 1);
        };
        return element + "[]".repeat(dimensions);
    }
}
