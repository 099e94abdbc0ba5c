package dev.httpmem.analysis;

import dev.httpmem.analysis.attribution.DirectBufferSite;
import dev.httpmem.analysis.attribution.RetainedPath;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.RetainedSites;
import dev.httpmem.analysis.attribution.RootPath;
import dev.httpmem.analysis.attribution.Site;
import dev.httpmem.analysis.attribution.SliceJoin;
import dev.httpmem.analysis.model.ConnectionCounts;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.LeakedConnection;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.AnalysisException;
import dev.httpmem.analysis.read.CheckedRecording;
import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.analysis.read.RecordingInfo;
import dev.httpmem.analysis.read.RecordingStream;
import dev.httpmem.analysis.retention.Checkpoint;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.OneOffRetentions;
import dev.httpmem.analysis.retention.RetentionFit;
import dev.httpmem.analysis.retention.RetentionOverTime;
import dev.httpmem.analysis.retention.Thinned;
import dev.httpmem.analysis.retention.TrackerResults;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.HeapCheckpointFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Everything the retention analysis reads from one recording, in up to three streaming passes: the first reads
 * exchanges, allocation samples and slices (as the report does), heap checkpoints, the retention tracker and the
 * old-object samples; the second, only when there are old-object samples, streams the slices and exchanges again to
 * learn which exchange, and connection, each retained object was allocated for; the third, only when the heap
 * stepped up, counts the exchanges that began in each step ({@link OneOffRetentions}).
 */
final class RecordingRetention {
    static final int MAX_CHECKPOINTS = 50_000;
    /** The class direct buffer sites are named by, whichever of a buffer's objects was sampled there. */
    private static final String DIRECT_BUFFER_CLASS = "java.nio.DirectByteBuffer";
    final RecordingInfo info;
    private final ReportAnalysis allocation;
    final RetainedSites retained;
    final TrackerResults tracker;
    /** The recording as the user named it, for messages. */
    private final Path path;
    private final Thinned<Checkpoint> forced = new Thinned<>(MAX_CHECKPOINTS);
    private final Thinned<Checkpoint> all = new Thinned<>(MAX_CHECKPOINTS);
    private final ConnectionCounts.Tally connections = new ConnectionCounts.Tally();
    private long retentionEvents;
    private Checkpoint last;
    /** Exchanges on the connections leaked at the end. */
    private final Set<Long> leakedExchanges = new HashSet<>();
    private Report report;
    private RetentionFit.Result fit;
    private List<OneOffRetention> oneOffs;

    private RecordingRetention(CheckedRecording source, FlameStacks.Collected flameStacks) {
        this.info = source.info();
        this.allocation = new ReportAnalysis(flameStacks);
        this.retained = new RetainedSites(info.file());
        this.tracker = new TrackerResults(info.file());
        this.path = source.path();
    }

    /** @param flameStacks the samples whose whole stacks the same pass collects, for an HTML page */
    static RecordingRetention read(CheckedRecording source, FlameStacks.Collected flameStacks) {
        RecordingInfo info = source.info();
        RecordingRetention recording = new RecordingRetention(source, flameStacks);
        SliceJoin<RetainedSites.Sample> join = SliceJoin.givenFirst(recording.retained);
        Set<Long> leaked = new HashSet<>();
        RecordingStream.pass(source, stream -> {
            recording.allocation.subscribe(stream);
            stream.positionalInTimeOrder(PositionalEvents.HEAP_CHECKPOINT, recording::onCheckpoint);
            stream.positionalInTimeOrder(PositionalEvents.RETENTION, recording::onRetention);
            stream.inTimeOrder("jdk.OldObjectSample", recording::onOldObject);
            // The old-object samples (written when the recording stops) and the connections leaked at the end are
            // known from the time-order events, read first: the same reading of the slices then joins them.
            stream.afterTimeOrder(() -> {
                recording.retained.offer(join);
                leaked.addAll(recording.allocation.leakedConnectionIds());
            });
            stream.onFlush(join::flush);
            stream.positional(PositionalEvents.SLICE, slice -> {
                if (slice.threadKey() != ChunkEvents.NO_THREAD && !recording.retained.isEmpty()) {
                    join.slice(slice.threadKey(), slice);
                }
                // An exchange a leaked connection never ended, nor open long enough to be listed, shows here.
                if (!leaked.isEmpty()) {
                    recording.rememberIfLeaked(slice.number(PositionalEvents.SLICE_EXCHANGE),
                            slice.number(PositionalEvents.SLICE_CONNECTION), leaked);
                }
            });
            stream.positional(PositionalEvents.EXCHANGE, e -> {
                if (!leaked.isEmpty()) {
                    recording.rememberIfLeaked(e.number(PositionalEvents.EXCHANGE_ID),
                            e.number(PositionalEvents.EXCHANGE_CONNECTION), leaked);
                }
            });
            stream.positional(PositionalEvents.OPEN_EXCHANGE, e -> {
                if (!leaked.isEmpty()) {
                    recording.rememberIfLeaked(e.number(PositionalEvents.OPEN_EXCHANGE_ID),
                            e.number(PositionalEvents.OPEN_EXCHANGE_CONNECTION), leaked);
                }
            });
        });
        join.finish();
        if (recording.allocation.httpmemEvents() + recording.retentionEvents == 0 && recording.all.items().isEmpty()) {
            throw RecordingStream.noHttpmemEvents(source.path());
        }
        recording.report = recording.allocation.report(info, 0);
        List<LeakedConnection> leakedAtTheEnd = recording.report.leakedConnections();
        recording.fit = RetentionFit.fit(info.file(), heldSinceTheyLeaked(recording.forced.items(), leakedAtTheEnd),
                heldSinceTheyLeaked(recording.all.items(), leakedAtTheEnd));
        recording.oneOffs = OneOffRetentions.find(source, info.file(), recording.fit.summary().steps(), recording.retained);
        return recording;
    }

    /**
     * The checkpoints, each holding at least the connections that were leaked at the end and had leaked by its
     * time: the listing says since when, while the agent counts a connection only once it has seen it held, which
     * may be a few GCs later (it reads the kernel's socket states at most a few times a second).
     */
    static List<Checkpoint> heldSinceTheyLeaked(List<Checkpoint> series, List<LeakedConnection> leaked) {
        if (leaked.isEmpty()) {
            return series;
        }
        List<Checkpoint> adjusted = new ArrayList<>(series.size());
        for (Checkpoint checkpoint : series) {
            long[] held = new long[Checkpoint.PROTOCOLS.size()];
            for (LeakedConnection connection : leaked) {
                int protocol = Checkpoint.PROTOCOLS.indexOf(connection.protocol());
                if (protocol >= 0 && connection.leakedSinceNanos() <= checkpoint.timeNanos()) {
                    held[protocol]++;
                }
            }
            adjusted.add(checkpoint.holdingAtLeast(held));
        }
        return adjusted;
    }

    /** Allocation per protocol, as {@code httpmem report} gives it. */
    Report report() {
        return report;
    }

    RetentionFit.Result fit() {
        return fit;
    }

    /**
     * How the heap after GC moved over time, and the {@code top} reference chains that held the live objects
     * allocated outside every exchange: all a recording without exchanges can tell of retention.
     */
    RetentionOverTime overTime(int top) {
        List<Checkpoint> series = all.items();
        List<RetainedPath> paths = retained.pathsOutsideExchanges(OneOffRetentions.TOP_SITES);
        return RetentionOverTime.fit(info.file(), series, paths.subList(0, Math.min(top, paths.size())));
    }

    /** Retained sites allocated for exchanges on the connections leaked at the end. */
    List<RetainedSite> leakedConnectionSites() {
        return leakedExchanges.isEmpty() ? List.of() : retained.sitesOfExchanges(leakedExchanges);
    }

    /** An exchange, ended, listed open or seen in one of its slices: one on a leaked connection is remembered. */
    private void rememberIfLeaked(long exchangeId, long connectionId, Set<Long> leakedConnections) {
        if (exchangeId != 0 && leakedConnections.contains(connectionId)) {
            leakedExchanges.add(exchangeId);
        }
    }

    /** The last heap checkpoint, if any. */
    Optional<Checkpoint> lastCheckpoint() {
        return Optional.ofNullable(last);
    }

    /** The heap's steps up, with what began in their windows. */
    List<OneOffRetention> oneOffs() {
        return oneOffs;
    }

    /** Sampled allocation bytes per site for {@code protocol}'s exchanges. */
    Map<Site, Long> siteBytes(String protocol) {
        return allocation.siteBytes(protocol);
    }

    /**
     * Where {@code protocol}'s exchanges allocated direct buffers, most sampled bytes first: the sites under
     * {@code ByteBuffer.allocateDirect}, the buffers and cleaners sampled there counted together.
     */
    List<DirectBufferSite> directBufferSites(String protocol) {
        Map<List<String>, Long> bytesByFrames = new HashMap<>();
        allocation.siteBytes(protocol).forEach((site, bytes) -> {
            if (!site.frames().isEmpty() && site.frames().get(0).startsWith(Events.ALLOCATE_DIRECT + ":")) {
                bytesByFrames.merge(site.frames(), bytes, Long::sum);
            }
        });
        return bytesByFrames.entrySet().stream()
                .sorted(Map.Entry.<List<String>, Long>comparingByValue().reversed())
                .map(site -> new DirectBufferSite(info.file(), protocol, DIRECT_BUFFER_CLASS, site.getKey()))
                .toList();
    }

    /** Protocols with exchanges, or with exchanges counted by the checkpoints, by name. */
    Set<String> protocols() {
        Set<String> protocols = new TreeSet<>(fit.protocols().keySet());
        report.protocols().stream().filter(p -> p.exchanges().exchanges() > 0).forEach(p -> protocols.add(p.protocol()));
        return protocols;
    }

    private void onCheckpoint(ChunkEvents.Event event) {
        for (String field : Checkpoint.FIELDS) {
            if (!event.present(place(field))) {
                throw AnalysisException.missingField(path, EventNames.HEAP_CHECKPOINT, field);
            }
        }
        Checkpoint checkpoint = Checkpoint.of(new Checkpoint.Fields() {
            @Override
            public boolean has(String field) {
                return event.present(place(field));
            }

            @Override
            public long number(String field) {
                return event.number(place(field));
            }

            @Override
            public boolean flag(String field) {
                return event.flag(place(field), false);
            }
        }, event.startNanos());
        long time = checkpoint.timeNanos();
        all.add(checkpoint);
        last = checkpoint;
        if (checkpoint.forced()) {
            forced.add(checkpoint);
        }
        tracker.checkpoint(time);
        connections.add(event.number(place(HeapCheckpointFields.OPEN_CONNECTIONS)),
                event.number(place(HeapCheckpointFields.IDLE_CONNECTIONS)));
    }

    /** Where a heap checkpoint read by position holds {@code field}. */
    private static int place(String field) {
        return PositionalEvents.HEAP_CHECKPOINT.fields().indexOf(field);
    }

    /** The connections its heap checkpoints counted. */
    ConnectionCounts connections() {
        return connections.counts(info.file());
    }

    private void onRetention(ChunkEvents.Event event) {
        retentionEvents++;
        tracker.retention(event);
    }

    private void onOldObject(RecordedEvent event) {
        Long thread = Events.threadKey(event);
        if (thread == null || !event.hasField("allocationTime")) {
            return;
        }
        long bytes = event.hasField("objectSize") ? event.getLong("objectSize") : -1; // JDK 22 and later
        retained.add(thread, Events.nanos(event.getInstant("allocationTime")),
                Events.site(event.getClass("object.type"), event.getStackTrace()), bytes, RootPath.of(event));
    }
}
