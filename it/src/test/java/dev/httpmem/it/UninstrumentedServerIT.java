package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A server httpmem does not instrument records no exchange: the agent says in its log which server it saw and what
 * to do, and report and diff say it in their first line instead of an empty answer. The JDK's own HTTP server is
 * one: httpmem instruments it only when named in {@code stacks=}.
 */
class UninstrumentedServerIT {
    private static final String SERVER = "the JDK's HTTP server (stacks=jdkhttp instruments it)";

    @Test
    void aServerLeftOutIsNamedWhereTheExchangesWouldBe() throws Exception {
        Path recording;
        String log;
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), Artifacts.agentJar(), "log=info",
                ExampleServer.JDK_HTTP.jar(), ExampleServer.JDK_HTTP.serverArgs(), Artifacts.workDir("uninstrumented-jdkhttp"))) {
            assertEquals(100, Clients.send(Protocol.HTTP_1_1, "http://127.0.0.1:" + server.port(), "/body?size=1024", 100, 4));
            recording = server.stop();
            log = Files.readString(server.log());
        }
        assertTrue(log.contains("INFO [httpmem] - the JDK's HTTP server runs here (sun.net.httpserver.ServerImpl loaded) and"
                + " is not instrumented, so its exchanges go unseen: stacks=jdkhttp instruments it"), log);

        HttpmemCli.Result text = HttpmemCli.run("report", recording.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("No exchanges: this JVM ran " + SERVER + ", which httpmem did not instrument\n"),
                text.out());
        HttpmemCli.Result json = HttpmemCli.report(recording);
        assertEquals(SERVER, json.json().get("agent").get("serversNotInstrumented").asText(), json.out());

        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString());
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().startsWith("this JVM ran " + SERVER + ", which httpmem did not instrument; no exchanges"),
                diff.out());
    }
}
