package dev.httpmem.analysis;

import static dev.httpmem.analysis.read.AnalysisException.Kind.NO_EVENTS;

import dev.httpmem.analysis.attribution.LabelledSample;
import dev.httpmem.analysis.attribution.SampleLabeller;
import dev.httpmem.analysis.model.LabelledSamples;
import dev.httpmem.analysis.read.AnalysisException;
import dev.httpmem.analysis.read.DamagedChunks;
import dev.httpmem.analysis.read.RecordingCheck;
import dev.httpmem.analysis.read.RecordingStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a recording's samples in one pass, each labelled with what it was allocated for (httpmem export). */
public final class LabelledSampleAnalysis {
    private LabelledSampleAnalysis() {
    }

    /**
     * The allocation samples of {@code recording}, and with {@code live} its old-object samples.
     *
     * @throws AnalysisException when the recording holds no httpmem events, or no samples to label
     */
    public static LabelledSamples read(Path recording, boolean live, DamagedChunks damaged) {
        return RecordingCheck.read(List.of(recording), damaged, checked -> {
            List<LabelledSample> samples = new ArrayList<>();
            SampleLabeller labeller = new SampleLabeller(live, samples::add);
            RecordingStream.pass(checked.get(0), labeller::subscribe);
            if (labeller.httpmemEvents() == 0) {
                throw RecordingStream.noHttpmemEvents(recording);
            }
            labeller.finish();
            if (samples.isEmpty()) {
                throw new AnalysisException(NO_EVENTS, "no allocation samples" + (live ? " nor old-object samples" : "")
                        + " in " + recording + "; the agent's recording enables them (jdk.ObjectAllocationSample,"
                        + " jdk.OldObjectSample): enable them in your own recording");
            }
            return new LabelledSamples(checked.get(0).info(), live, samples);
        });
    }
}
