package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.it.Clients.Protocol;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent adds no JVM warning to the application's error output (JDK 24 and later warn of every library calling
 * sun.misc.Unsafe, which Byte Buddy's default setup does) and no line per class made at run time that it could not
 * describe.
 */
class NoJvmWarningsIT {
    private static final Pattern READY = Pattern.compile("httpmem-example ready stack=\\S+ http=(\\d+)");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void theApplicationsErrorOutputHoldsOnlyTheAgentsLog(Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Path work = Files.createDirectories(Artifacts.workDir("no-jvm-warnings-" + jdk.feature()));
        Path stderr = work.resolve("stderr.txt");
        Process server = new ProcessBuilder(home.resolve("bin/java").toString(),
                "-javaagent:" + Artifacts.agentJar() + "=log=info", "-Djava.io.tmpdir=" + work,
                "-jar", ExampleServer.JETTY_12_1.jar().toString(), "--port", "0", "--tls-port", "0")
                .redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher ready = null;
            for (String line; ready == null && (line = out.readLine()) != null; ) {
                Matcher matcher = READY.matcher(line);
                ready = matcher.find() ? matcher : null;
            }
            assertTrue(ready != null, "the server did not start: " + Files.readString(stderr));
            String base = "http://127.0.0.1:" + ready.group(1);
            assertEquals(50, Clients.send(Protocol.HTTP_1_1, base, "/body?size=1024", 50, 4));
            assertEquals(50, Clients.send(Protocol.H2C_PRIOR_KNOWLEDGE, base, "/body?size=1024", 50, 4));
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
        } finally {
            server.destroyForcibly();
        }
        List<String> errorOutput = Files.readAllLines(stderr);
        assertTrue(errorOutput.stream().anyMatch(line -> line.startsWith("INFO [httpmem] - ")), "the agent ran: " + errorOutput);
        // The JVM's warnings start so ("WARNING: A terminally deprecated method in sun.misc.Unsafe has been called").
        assertEquals(List.of(), errorOutput.stream()
                .filter(line -> line.startsWith("WARNING") || line.contains("could not instrument")).toList());
    }
}
