package dev.httpmem.cli;

import dev.httpmem.analysis.read.DamagedChunks;
import picocli.CommandLine.Option;

/** How a command that reads recordings treats chunks it cannot read whole. */
final class RecordingInput {
    @Option(names = "--salvage", description = {
            "Read what can be read of a damaged recording, or of a JFR repository folder a killed JVM left:"
                    + " leave damaged chunks out, read unfinished ones up to their last flush, and say so first."})
    private boolean salvage;

    DamagedChunks damagedChunks() {
        return salvage ? DamagedChunks.SALVAGE : DamagedChunks.REFUSE;
    }
}
