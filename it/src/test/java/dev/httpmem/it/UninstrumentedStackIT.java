package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ClientDriverProcess;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.load.LoadDriver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server or client httpmem does not instrument records no exchange: the agent says in its log which stack it saw
 * and what to do, and report and diff say it in their first line instead of an empty answer. The JDK's own HTTP
 * server is one (httpmem instruments it only when named in {@code stacks=}), Apache HttpClient 5 another.
 */
class UninstrumentedStackIT {
    private static final String SERVER = "the JDK's HTTP server (stacks=jdkhttp instruments it)";
    private static final int REQUESTS = 20_000;
    private static final int BATCHES = 8;

    @Test
    void aServerLeftOutIsNamedWhereTheExchangesWouldBe() throws Exception {
        Path recording;
        String log;
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                ExampleServer.JDK_HTTP.jar(), ExampleServer.JDK_HTTP.serverArgs(), Artifacts.workDir("uninstrumented-jdkhttp"))) {
            assertEquals(100, Clients.send(Protocol.HTTP_1_1, "http://127.0.0.1:" + server.port(), "/body?size=1024", 100, 4));
            recording = server.stop();
            log = Files.readString(server.log());
        }
        assertTrue(log.contains("INFO [httpmem] - the JDK's HTTP server runs here (sun.net.httpserver.ServerImpl loaded) and"
                + " is not instrumented, so its exchanges go unseen: stacks=jdkhttp instruments it"), log);

        HttpmemCli.Result text = HttpmemCli.run("report", recording.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("No exchanges: this JVM ran " + SERVER + ", which httpmem did not instrument;"
                + " 'httpmem diff " + recording + "' tells how its heap moved and what holds its live objects\n"),
                text.out());
        HttpmemCli.Result json = HttpmemCli.report(recording);
        assertEquals(SERVER, json.json().get("agent").get("serversNotInstrumented").asText(), json.out());

        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString());
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().startsWith("this JVM ran " + SERVER + ", which httpmem did not instrument; no exchanges"),
                diff.out());
    }

    /**
     * A client service on Apache HttpClient 5 (async, HTTP/1.1 then h2c) calling a server: the agent in the client's
     * JVM sees no exchange, and names the client it saw rather than reading "saw no request".
     */
    @Test
    void aClientHttpmemDoesNotInstrumentIsNamed() throws Exception {
        Path recording;
        Path workDir = Artifacts.workDir("uninstrumented-apache-client");
        try (ExampleServerProcess server = ExampleServerProcess.startWithoutAgent(Jdks.current(), ForkedJvms.OPTIONS,
                Artifacts.exampleJar("jetty"), Artifacts.workDir("uninstrumented-apache-client-server"))) {
            recording = ClientDriverProcess.run(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                    Artifacts.exampleJar("clients"), List.of("--client", "apache", "--url",
                            "http://127.0.0.1:" + server.port() + "/body?size=1024", "--requests", "200"), workDir);
        }
        String log = Files.readString(workDir.resolve("client.log"));
        assertTrue(log.contains("INFO [httpmem] - Apache HttpClient 5 runs here (org.apache.hc.client5.http.impl.")
                && log.contains(" loaded) and is not instrumented, so its exchanges go unseen: httpmem instruments "), log);
        HttpmemCli.Result text = HttpmemCli.run("report", recording.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("No exchanges: this JVM ran Apache HttpClient 5 (httpmem instruments "), text.out());
        assertTrue(text.out().lines().findFirst().orElseThrow().contains(", which httpmem did not instrument;"), text.out());
    }

    /**
     * Without exchanges there is no retention per exchange to fit, but the recording still holds the answer: the
     * heap after GC grows over time, and the old-object samples still live at the end name what holds them. The
     * leaky Jetty example, with Jetty left out of {@code stacks=}, keeps a slice of every HTTP/2 response body.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aLeakOnAServerLeftOutIsNamedByItsPathFromAGcRoot(Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Path recording;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "log=info,stacks=jdkhttp", Artifacts.exampleJar("jetty"), List.of("--scenario", "h2-body-retention", "--leaky"),
                Artifacts.workDir("uninstrumented-jetty-leaky-jdk" + jdk.feature()))) {
            URI body = URI.create("http://127.0.0.1:" + server.port() + "/body");
            // A full GC after each batch, as a user would force them (the agent forces GCs by exchanges, and sees
            // none here): beside a busy loop the application's own GCs were too few and too noisy to show growth.
            for (int batch = 0; batch < BATCHES; batch++) {
                assertEquals(REQUESTS / BATCHES, LoadDriver.run(LoadDriver.Protocol.HTTP_2, body, REQUESTS / BATCHES, 8,
                        done -> { }).ok());
                Jcmd.run(home, server.pid(), "GC.run");
            }
            recording = server.stop();
        }
        HttpmemCli.Result text = HttpmemCli.run("diff", recording.toString());
        assertEquals(0, text.exitCode(), text.err());
        String verdict = text.out().lines().findFirst().orElseThrow();
        assertTrue(verdict.startsWith("this JVM ran Jetty"), verdict);
        assertTrue(verdict.contains(", which httpmem did not instrument; no exchanges, so no retention per exchange;"
                + " heap after GC grew "), verdict);
        assertTrue(verdict.contains("held through static dev.httpmem.examples.common.BodyRetention.RETAINED"), verdict);

        JsonNode overTime = HttpmemCli.run("diff", recording.toString(), "--json").json().get("overTime").get(0);
        JsonNode path = overTime.get("retainedPaths").get(0);
        assertAll(
                () -> assertTrue(overTime.get("grows").asBoolean(), overTime.toString()),
                () -> assertTrue(overTime.get("forcedOnly").asBoolean(), "jcmd GC.run is a forced full GC: " + overTime),
                () -> assertTrue(path.get("rootPath").asText().contains("BodyRetention.RETAINED"), path.toString()),
                () -> assertTrue(path.get("sites").get(0).get("site").asText().contains("BodyRetention.keep"), path.toString()));
    }
}
