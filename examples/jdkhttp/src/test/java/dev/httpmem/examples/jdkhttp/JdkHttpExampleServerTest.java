package dev.httpmem.examples.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example's main as java runs it, for a command line it does not start a server with. */
class JdkHttpExampleServerTest {
    record Exit(int status, String out, String err) {
    }

    @Test
    void helpIsTheUsageAndExitZero() throws Exception {
        Exit help = run("--help");
        assertEquals(new Exit(0, help.out(), ""), help);
        assertTrue(help.out().startsWith("Usage: java -jar "), help.out());
        assertTrue(help.out().contains("\n  --port N "), help.out());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() throws Exception {
        assertEquals(new Exit(2, "", "httpmem's jdkhttp example: unknown option --bogus (--help lists the options)\n"),
                run("--bogus"));
    }

    private static Exit run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JdkHttpExampleServer.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try {
            // Both outputs are a few lines, well within a pipe's buffer: reading one after the other cannot block the JVM.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return new Exit(process.exitValue(), out, err);
        } finally {
            process.destroyForcibly();
        }
    }
}
