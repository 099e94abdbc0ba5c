package dev.httpmem.examples.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An example server's key store is temporary: its folder goes when the server's JVM does. */
class SelfSignedKeyStoreTest {
    @TempDir
    Path temp;

    @Test
    void removedWhenMainReturns() throws Exception {
        Process jvm = start("return");
        assertTrue(readLine(jvm).startsWith(temp + "/httpmem-tls"));
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, jvm.exitValue());
        assertEquals(List.of(), entries(temp));
    }

    @Test
    void removedWhenTheJvmIsStopped() throws Exception {
        Process jvm = start("wait");
        try {
            assertTrue(Files.isRegularFile(Paths.get(readLine(jvm))));
            jvm.destroy(); // SIGTERM, as Ctrl-C or an operator stops a server
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
            assertEquals(List.of(), entries(temp));
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Creates a key store, prints its path, then returns (args[0] "return") or waits to be stopped ("wait"). */
    public static final class KeyStoreHolder {
        public static void main(String[] args) throws Exception {
            System.out.println(SelfSignedKeyStore.create());
            System.out.flush();
            if (args[0].equals("wait")) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    private Process start(String then) throws Exception {
        return new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), KeyStoreHolder.class.getName(), then)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String readLine(Process jvm) throws Exception {
        return new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
