import dev.httpmem.analysis.ReportAnalysis;
import dev.httpmem.analysis.RetentionAnalysis;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.read.DamagedChunks;
import java.nio.file.Path;
import java.util.List;

/**
 * What report's or diff's analysis takes in a warm JVM: run ROUNDS times over the recording in one JVM, one line per
 * round ("round 3: 541 ms"). The first round is what the command pays besides the JVM's and the CLI's start and its
 * output; the gap to the last rounds is the JIT compilers' warm-up.
 * Usage: java -cp httpmem.jar WarmReading.java report|diff RECORDING ROUNDS
 */
public final class WarmReading {
    public static void main(String[] args) {
        boolean report = args[0].equals("report");
        Path recording = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            if (report) {
                ReportAnalysis.analyze(recording, 10, DamagedChunks.REFUSE, FlameStacks.Collected.NONE);
            } else {
                RetentionAnalysis.analyze(List.of(recording));
            }
            System.out.println("round " + round + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }
}
