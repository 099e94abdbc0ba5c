package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.httpmem.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo refuses before it starts a server: these would fail after minutes of recording otherwise. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void keepInAMissingFolder() {
        Path missing = dir.resolve("missing");
        assertEquals(new Result(2, "", "httpmem demo: --keep: no such folder: " + missing + "\n"),
                MainTest.run("demo", "--keep", missing.resolve("rec.jfr").toString()));
    }

    @Test
    void keepAtAFolder() {
        assertEquals(new Result(2, "", "httpmem demo: --keep: " + dir + " is a folder; name a file in it\n"),
                MainTest.run("demo", "--keep", dir.toString()));
    }

    @Test
    void keepInAReadOnlyFolder() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        assumeFalse(!readOnly.toFile().setWritable(false) || Files.isWritable(readOnly), "this user writes anywhere (root)");
        assertEquals(new Result(2, "", "httpmem demo: --keep: cannot write in " + readOnly + "\n"),
                MainTest.run("demo", "--keep", readOnly.resolve("rec.jfr").toString()));
    }
}
