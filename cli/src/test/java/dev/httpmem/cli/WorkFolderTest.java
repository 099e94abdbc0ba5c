package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {
    @TempDir
    Path dir;

    @Test
    void removedWithAllItHolds() throws Exception {
        StringWriter notes = new StringWriter();
        WorkFolder work = WorkFolder.create(dir, "httpmem-demo", new PrintWriter(notes));
        Files.writeString(Files.createDirectories(work.path().resolve("leaky/jfr-repository")).resolve("chunk.jfr"), "x");
        work.remove();
        assertEquals(List.of(), entries(dir));
        assertEquals("", notes.toString());
    }

    @Test
    void keptWhenAsked() throws Exception {
        WorkFolder work = WorkFolder.create(dir, "httpmem-demo", new PrintWriter(new StringWriter()));
        work.keep();
        assertEquals(List.of(work.path()), entries(dir));
    }

    /** SIGTERM (as Ctrl-C) while a child process holds a file in the folder: the child is ended, the folder removed. */
    @Test
    void removedWhenTheJvmIsStoppedItsChildrenFirst() throws Exception {
        Process jvm = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoppedWhileWorking.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
        ProcessHandle child = ProcessHandle.of(Long.parseLong(line)).orElseThrow();
        try {
            assertEquals(1, entries(dir).size());
            jvm.destroy();
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
            assertEquals(List.of(), entries(dir));
            assertFalse(child.isAlive(), "the child process outlived the JVM that started it");
        } finally {
            jvm.destroyForcibly();
            child.destroyForcibly();
        }
    }

    /** Makes a work folder in args[0], starts a child holding a file open there, prints its pid, and waits to be stopped. */
    public static final class StoppedWhileWorking {
        public static void main(String[] args) throws Exception {
            WorkFolder work = WorkFolder.create(Paths.get(args[0]), "httpmem-demo", new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
            Process child = new ProcessBuilder("sleep", "600")
                    .redirectOutput(work.path().resolve("server.log").toFile()).start();
            System.out.println(child.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
