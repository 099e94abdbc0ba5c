package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A recording JFR cannot write when the JVM exits (a full disk; {@code /dev/full} answers every write with ENOSPC)
 * is named in one line of the agent's: JDK 17 and 25 say only that "an I/O operation" failed, and leave what they
 * wrote of the file. The agent removes a partial file, never a device.
 */
class UnwritableRecordingIT {
    private static final Path FULL_DISK = Paths.get("/dev/full");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aRecordingThatCannotBeWrittenAtExitIsNamedInOneLine(Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Assumptions.assumeTrue(Files.exists(FULL_DISK), "this system has no /dev/full");
        Path log;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, ForkedJvms.OPTIONS, Artifacts.agentJar(), "out=" + FULL_DISK,
                ExampleServer.JETTY_12_1.jar(), ExampleServer.JETTY_12_1.serverArgs(),
                Artifacts.workDir("unwritable-recording-" + jdk.feature()))) {
            assertEquals(20, Clients.send(Protocol.HTTP_1_1, "http://127.0.0.1:" + server.port(), "/body?size=1024", 20, 2));
            server.terminate();
            log = server.log();
        }
        List<String> lines = Files.readAllLines(log).stream().filter(line -> line.contains("[httpmem]")).toList();
        assertEquals("WARN [httpmem] - could not write recording 'httpmem' to /dev/full: JFR failed writing it"
                + " (is the disk full?); what it recorded is lost", lines.get(lines.size() - 1), String.join("\n", lines));
        assertTrue(Files.exists(FULL_DISK) && !Files.isRegularFile(FULL_DISK), "/dev/full is still a device");
    }
}
