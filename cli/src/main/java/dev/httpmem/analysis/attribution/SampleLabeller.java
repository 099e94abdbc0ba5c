package dev.httpmem.analysis.attribution;

import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.analysis.read.RecordingStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Allocation samples, and optionally old-object samples, each labelled with what it was allocated for: the slice
 * join ({@link SliceJoin}) names the exchange, or connection, whose work was running on its thread then, as it does
 * for the report; the exchange's own event, written when it ended, names its stack, endpoint and HTTP/2 stream.
 * <p>
 * Each sample is handed on, with its whole stack, once its labels are known; the labeller keeps none after that.
 * The exchanges' events are not all kept: the join claims samples at the end of each chunk, and an exchange's event
 * is written after its slices, so it is in the same chunk as the slice that claims a sample or in a later one (the
 * one before, for a slice that ended after its exchange's event across the chunks' boundary). The events of the
 * current and the previous chunk are kept, and claimed samples whose exchange is not among them wait for its event.
 * Allocation samples are read with the slices, by position in file order; old-object samples, which JFR writes when
 * the recording ends, are read before them all and wait with no horizon ({@link SliceJoin#holdingAll}).
 */
public final class SampleLabeller implements SliceJoin.Claims<SampleLabeller.Pending> {
    /** Distinct endpoints labelled; the rest are labelled {@code * (other)}, as the report's endpoint table does. */
    private static final int MAX_ENDPOINTS = 1_000;
    private static final String OTHER_ENDPOINT = "* (other)";
    /** The protocol whose exchanges are streams; an HTTP/1.1 exchange's stream id is its request's number on its connection. */
    private static final String HTTP_2 = "HTTP/2";

    private final boolean live;
    private final Consumer<LabelledSample> labelled;
    private final SliceJoin<Pending> join = SliceJoin.holdingAll(this);
    private final List<OldObject> oldObjects = new ArrayList<>();
    private boolean oldObjectsChained;
    /** The labels of the exchanges whose events were read in the current chunk and the one before. */
    private Map<Long, SampleLabels> currentChunk = new HashMap<>();
    private Map<Long, SampleLabels> previousChunk = new HashMap<>();
    /** Claimed samples waiting for the event of their exchange. */
    private final Map<Long, List<Pending>> waiting = new HashMap<>();
    /** One instance of each distinct endpoint, stack and stack trace, shared by the samples waiting. */
    private final Map<String, String> texts = new HashMap<>();
    private final Map<List<StackFrame>, List<StackFrame>> stacks = new HashMap<>();
    private int endpoints;
    private long httpmemEvents;

    /** A sample until it is labelled. */
    static final class Pending {
        final LabelledSample.Kind kind;
        final String objectClass;
        final List<StackFrame> frames;
        final long bytes;
        SampleLabels labels = SampleLabels.UNATTRIBUTED;
        final long thread;
        final long timeNanos;

        Pending(LabelledSample.Kind kind, String objectClass, List<StackFrame> frames, long bytes, long thread,
                long timeNanos) {
            this.kind = kind;
            this.objectClass = objectClass;
            this.frames = frames;
            this.bytes = bytes;
            this.thread = thread;
            this.timeNanos = timeNanos;
        }

        LabelledSample labelled() {
            return new LabelledSample(kind, objectClass, frames, bytes, labels);
        }
    }

    /** An old-object sample, and whether the JDK found its reference chain from a GC root. */
    private record OldObject(Pending sample, boolean chained) {
    }

    /**
     * @param live     whether to label the old-object samples too
     * @param labelled told each sample once, as soon as its labels are known (for most, at the end of the chunk
     *                 whose slices claim them; the last at {@link #finish})
     */
    public SampleLabeller(boolean live, Consumer<LabelledSample> labelled) {
        this.live = live;
        this.labelled = labelled;
    }

    /** Registers the labeller's handlers on a pass; others may share the pass. */
    public void subscribe(RecordingStream.Handlers stream) {
        if (live) {
            // The JDK writes them when the recording stops: read in time order, before the slices that join them.
            stream.inTimeOrder("jdk.OldObjectSample", this::oldObject);
            stream.afterTimeOrder(this::joinOldObjects);
        }
        stream.positional(PositionalEvents.ALLOCATION_SAMPLE, this::allocation);
        stream.positional(PositionalEvents.SLICE, this::slice);
        stream.positional(PositionalEvents.EXCHANGE, this::exchange);
        stream.onFlush(this::chunkEnd);
    }

    private void allocation(ChunkEvents.Event event) {
        long thread = event.threadKey();
        if (thread == ChunkEvents.NO_THREAD) {
            return;
        }
        List<StackFrame> stack = stacks.computeIfAbsent(event.stackTrace(PositionalEvents.ALLOCATION_STACK), s -> s);
        Pending sample = new Pending(LabelledSample.Kind.ALLOCATION, event.className(PositionalEvents.ALLOCATION_CLASS),
                stack, event.number(PositionalEvents.ALLOCATION_WEIGHT), thread, event.startNanos());
        if (Events.byAgent(stack)) { // the agent's work, which it leaves out of the slice around it
            labelled.accept(sample.labelled());
        } else {
            join.sample(thread, sample.timeNanos, sample);
        }
    }

    private void oldObject(RecordedEvent event) {
        Long thread = Events.threadKey(event);
        if (thread == null || !event.hasField("allocationTime")) {
            return;
        }
        long bytes = event.hasField("objectSize") ? event.getLong("objectSize") : -1; // JDK 22 and later
        boolean chained = RootPath.of(event) != null;
        oldObjectsChained |= chained;
        oldObjects.add(new OldObject(new Pending(LabelledSample.Kind.LIVE, Events.className(event.getClass("object.type")),
                stack(event), bytes, thread, Events.nanos(event.getInstant("allocationTime"))), chained));
    }

    /**
     * When some old-object samples have a reference chain, those without one are garbage the JDK found no path to,
     * and are left out, as the retained sites leave them out ({@link RetainedSites}).
     */
    private void joinOldObjects() {
        for (OldObject object : oldObjects) {
            if (object.chained() || !oldObjectsChained) {
                join.sample(object.sample().thread, object.sample().timeNanos, object.sample());
            }
        }
        oldObjects.clear();
    }

    private void slice(ChunkEvents.Event event) {
        httpmemEvents++;
        if (event.threadKey() != ChunkEvents.NO_THREAD) {
            join.slice(event.threadKey(), event);
        }
    }

    private void exchange(ChunkEvents.Event event) {
        httpmemEvents++;
        long id = event.number(PositionalEvents.EXCHANGE_ID);
        String protocol = PositionalEvents.text(event, PositionalEvents.EXCHANGE_PROTOCOL);
        SampleLabels labels = new SampleLabels(SampleLabels.Work.EXCHANGE,
                PositionalEvents.protocolKey(event, PositionalEvents.EXCHANGE_PROTOCOL, PositionalEvents.EXCHANGE_ROLE),
                stackName(event), endpoint(event),
                HTTP_2.equals(protocol) ? event.number(PositionalEvents.EXCHANGE_STREAM) : 0, id);
        List<Pending> claimed = waiting.remove(id);
        if (claimed != null) {
            claimed.forEach(sample -> {
                sample.labels = labels;
                labelled.accept(sample.labelled());
            });
        }
        currentChunk.put(id, labels);
    }

    private String endpoint(ChunkEvents.Event event) {
        String endpoint = PositionalEvents.text(event, PositionalEvents.EXCHANGE_METHOD) + " "
                + PositionalEvents.text(event, PositionalEvents.EXCHANGE_PATH);
        String known = texts.get(endpoint);
        if (known != null) {
            return known;
        }
        if (endpoints >= MAX_ENDPOINTS) {
            return OTHER_ENDPOINT;
        }
        endpoints++;
        return intern(endpoint);
    }

    /** The stack that served the exchange; null in recordings of agents that did not say. */
    private String stackName(ChunkEvents.Event event) {
        String stack = event.text(PositionalEvents.EXCHANGE_STACK);
        return stack == null ? null : intern(stack);
    }

    private String intern(String text) {
        return texts.computeIfAbsent(text, t -> t);
    }

    private List<StackFrame> stack(RecordedEvent event) {
        return stacks.computeIfAbsent(Events.stack(event.getStackTrace()), s -> s);
    }

    /** The end of a chunk: the join claims the samples its slices found, then the chunk's exchanges age. */
    private void chunkEnd() {
        join.flush();
        previousChunk = currentChunk;
        currentChunk = new HashMap<>();
    }

    @Override
    public void claimed(Pending sample, String protocol, long exchangeId) {
        if (exchangeId == SliceJoin.CONNECTION_WORK) {
            sample.labels = SampleLabels.connectionWork(Events.NONE.equals(protocol) ? null : protocol);
            labelled.accept(sample.labelled());
            return;
        }
        SampleLabels labels = currentChunk.get(exchangeId);
        if (labels == null) {
            labels = previousChunk.get(exchangeId);
        }
        if (labels != null) {
            sample.labels = labels;
            labelled.accept(sample.labelled());
        } else {
            // Known by its slice only until its event comes; if none does (an h2c Upgrade request, an exchange
            // still open at the end), by that alone.
            sample.labels = new SampleLabels(SampleLabels.Work.EXCHANGE, protocol, null, null, 0, exchangeId);
            waiting.computeIfAbsent(exchangeId, id -> new ArrayList<>()).add(sample);
        }
    }

    @Override
    public void unclaimed(Pending sample) {
        sample.labels = SampleLabels.UNATTRIBUTED;
        labelled.accept(sample.labelled());
    }

    /** The slices and exchanges read: none, and the recording was not made with the agent. */
    public long httpmemEvents() {
        return httpmemEvents;
    }

    /** Ends the pass: the samples still waiting are handed on, those of exchanges without an event by their slices' labels. */
    public void finish() {
        join.finish();
        waiting.values().forEach(samples -> samples.forEach(sample -> labelled.accept(sample.labelled())));
        waiting.clear();
    }
}
