package dev.httpmem.analysis;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabeller;
import dev.httpmem.analysis.attribution.SampleLabels;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.StackTally;
import dev.httpmem.analysis.model.StackWeights;
import dev.httpmem.analysis.read.RecordingStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Tallies the labelled samples' whole stacks per protocol as the labeller hands them on, sharing a pass with the
 * report's handlers: each sample is added to its graph's {@link StackTally} and dropped.
 */
final class FlameStackTally {
    private final SampleLabeller labeller;
    private final Map<String, StackTally> exchanges = new HashMap<>();
    private final Map<String, StackTally> connections = new HashMap<>();
    private final Map<String, StackTally> live = new HashMap<>();

    /** @param live whether to tally the old-object samples too */
    FlameStackTally(boolean live) {
        this.labeller = new SampleLabeller(live, this::add);
    }

    void subscribe(RecordingStream.Handlers stream) {
        labeller.subscribe(stream);
    }

    private void add(LabelledSample sample) {
        SampleLabels labels = sample.labels();
        if (labels.protocol() == null) {
            return; // outside every exchange, or a connection's work before its first
        }
        Map<String, StackTally> graphs = switch (sample.kind()) {
            case ALLOCATION -> labels.work() == SampleLabels.Work.EXCHANGE ? exchanges : connections;
            case LIVE -> labels.work() == SampleLabels.Work.EXCHANGE ? live : null;
        };
        if (graphs != null) {
            // An old-object sample's size is not recorded before JDK 22: they are counted.
            graphs.computeIfAbsent(labels.protocol(), p -> new StackTally()).add(sample.objectClass(), sample.frames(),
                    sample.kind() == LabelledSample.Kind.LIVE ? 1 : sample.bytes());
        }
    }

    /** Ends the pass: call once, after the stream. */
    FlameStacks finish() {
        labeller.finish();
        return new FlameStacks(weights(exchanges), weights(connections), weights(live));
    }

    private static Map<String, StackWeights> weights(Map<String, StackTally> tallies) {
        Map<String, StackWeights> weights = new HashMap<>();
        tallies.forEach((protocol, tally) -> weights.put(protocol, tally.weights()));
        return weights;
    }
}
