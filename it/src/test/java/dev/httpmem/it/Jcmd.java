package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code jcmd} of a JDK, run against a forked server: its command must succeed. */
final class Jcmd {
    private Jcmd() {}

    /** Runs {@code command} (e.g. {@code GC.run}) in process {@code pid} and returns what jcmd printed. */
    static String run(Path javaHome, long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(javaHome.resolve("bin/jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS), "jcmd " + String.join(" ", command) + " finished");
        assertEquals(0, jcmd.exitValue(), output);
        return output;
    }
}
