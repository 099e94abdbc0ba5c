package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.cli.ExampleServerProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** httpmem attach where it cannot: one line, exit status 1, and the process it tried is untouched. */
class AttachErrorsIT {
    private final List<Process> started = new ArrayList<>();
    private ExampleServerProcess server;

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: no such process: " + gone.pid() + "\n"),
                HttpmemCli.run("attach", Long.toString(gone.pid())));
    }

    @Test
    void notAJvmIsLeftAlone() throws Exception {
        Process sleep = started(new ProcessBuilder("sleep", "120").start());
        HttpmemCli.Result result = HttpmemCli.run("attach", Long.toString(sleep.pid()));
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: process " + sleep.pid() + " ("
                + sleep.info().command().orElseThrow() + ") is not a JVM, or one started with -XX:-UsePerfData,"
                + " which the Attach API cannot find\n"), result);
        assertTrue(sleep.isAlive(), "attach must not signal a process that is not a JVM");
    }

    @Test
    void attachDisabled() throws Exception {
        server = ExampleServerProcess.startWithoutAgent(Jdks.current(), List.of("-XX:+DisableAttachMechanism"),
                Artifacts.exampleJar("jetty"), Artifacts.workDir("attach-disabled"));
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: attach not permitted: process " + server.pid()
                + " was started with -XX:+DisableAttachMechanism\n"), HttpmemCli.run("attach", Long.toString(server.pid())));
    }

    @Test
    void otherUser() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Paths.get("/usr/bin/setpriv")),
                "needs root and setpriv to run the CLI as another user");
        server = ExampleServerProcess.startWithoutAgent(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.exampleJar("jetty"),
                Artifacts.workDir("attach-other-user"));
        List<String> asNobody = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Jdks.current().resolve("bin/java").toString(), "-Djava.io.tmpdir=/tmp");
        HttpmemCli.Result result = HttpmemCli.runWith(asNobody, "attach", Long.toString(server.pid()));
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: attach not permitted: process " + server.pid()
                + " belongs to root, and the Attach API reaches only JVMs of the same user (run httpmem as root)\n"), result);
    }

    /**
     * A runtime linked without jdk.jfr and jdk.attach: as the server's, the agent refuses it; as the CLI's, the
     * CLI says it needs a JDK.
     */
    @Test
    void runtimesWithoutJfrOrAttach() throws Exception {
        Path runtime = Artifacts.workDir("runtime-without-jfr").resolve("image");
        if (!Files.isExecutable(runtime.resolve("bin/java"))) {
            Process jlink = new ProcessBuilder(Jdks.current().resolve("bin/jlink").toString(), "--add-modules",
                    "java.base,java.instrument", "--output", runtime.toString()).inheritIO().start();
            assertEquals(0, jlink.waitFor());
        }
        Process idle = started(new ProcessBuilder(runtime.resolve("bin/java").toString(), "-cp",
                Paths.get(Idle.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Idle.class.getName()).start());
        assertEquals("ready", new BufferedReader(new InputStreamReader(idle.getInputStream(), StandardCharsets.UTF_8)).readLine());

        HttpmemCli.Result result = HttpmemCli.run("attach", Long.toString(idle.pid()));
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: process " + idle.pid() + ": this JVM has no JFR: module"
                + " jdk.jfr is missing from its runtime or not resolved (--add-modules jdk.jfr)\n"), result);
        assertTrue(idle.isAlive());

        HttpmemCli.Result onJre = HttpmemCli.runWith(HttpmemCli.java(runtime), "attach", Long.toString(idle.pid()));
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: this Java runtime (" + runtime + ") lacks the jdk.attach"
                + " module that attaching needs; run httpmem with a JDK\n"), onJre);
    }

    private Process started(Process process) {
        started.add(process);
        return process;
    }
}
