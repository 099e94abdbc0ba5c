package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.read.ChunkEvents;
import dev.httpmem.analysis.read.PositionalEvents;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.attribution.RetainedSites;
import dev.httpmem.analysis.read.CheckedRecording;
import dev.httpmem.analysis.read.ConnectionIds;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.RecordingStream;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.Outcomes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Turns the heap's steps up into {@link OneOffRetention}s, steps in consecutive intervals joined by their net change:
 * one more pass over the exchanges, only when there is a step up, counts those that began in each step's window.
 */
public final class OneOffRetentions {
    /** Retained sites listed per step. */
    public static final int TOP_SITES = 5;

    private OneOffRetentions() {
    }

    public static List<OneOffRetention> find(CheckedRecording source, String recording, List<LevelStep> steps, RetainedSites retained) {
        List<Window> windows = merged(steps).stream().filter(step -> step.bytes() > 0).map(Window::new).toList();
        if (windows.isEmpty()) {
            return List.of();
        }
        RecordingStream.pass(source, stream -> stream.positional(PositionalEvents.EXCHANGE, event -> {
            for (Window window : windows) {
                window.offer(event);
            }
        }));
        List<OneOffRetention> found = new ArrayList<>();
        for (Window window : windows) {
            List<RetainedSite> sites = retained.sitesAllocatedBetween(window.step.startNanos(), window.step.endNanos());
            found.add(new OneOffRetention(recording, window.step, window.exchanges, window.failed,
                    window.connections.size(), window.failedConnections.size(),
                    sites.subList(0, Math.min(TOP_SITES, sites.size()))));
        }
        return found;
    }

    /**
     * Steps in consecutive intervals as one, by their net change: a burst that straddled a GC is one step up, a
     * lone checkpoint caught with more memory in use (a step up and straight back down) none.
     */
    static List<LevelStep> merged(List<LevelStep> steps) {
        List<LevelStep> merged = new ArrayList<>();
        for (LevelStep step : steps) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).continuesInto(step)) {
                merged.set(last, merged.get(last).through(step));
            } else {
                merged.add(step);
            }
        }
        return merged;
    }

    /** What began between a step's two checkpoints. */
    private static final class Window {
        final LevelStep step;
        long exchanges;
        long failed;
        /** Connections first seen in the window; the ones of those with a failed exchange. */
        final Set<Long> connections = new HashSet<>();
        final Set<Long> failedConnections = new HashSet<>();

        Window(LevelStep step) {
            this.step = step;
        }

        void offer(ChunkEvents.Event exchange) {
            if (exchange.startNanos() < step.startNanos() || exchange.startNanos() > step.endNanos()) {
                return;
            }
            exchanges++;
            String outcome = exchange.text(PositionalEvents.EXCHANGE_OUTCOME);
            boolean failure = !Outcomes.answered(outcome);
            failed += failure ? 1 : 0;
            long connection = exchange.number(PositionalEvents.EXCHANGE_CONNECTION);
            long firstSeen = ConnectionIds.firstSeenNanos(connection, step.startNanos());
            if (firstSeen >= step.startNanos() - ConnectionIds.RESOLUTION_NANOS && firstSeen <= step.endNanos()) {
                connections.add(connection);
                if (failure) {
                    failedConnections.add(connection);
                }
            }
        }
    }
}
