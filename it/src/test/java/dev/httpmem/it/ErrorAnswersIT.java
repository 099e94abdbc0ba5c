package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Load sent to a path the server does not have is answered 404 every time: the report and the diff count the
 * exchanges by status class and say in their first line that the figures describe error responses, rather than
 * presenting them as the server's cost of serving.
 */
class ErrorAnswersIT {
    private static final int REQUESTS = 300;

    @Test
    void mostlyErrorAnswersAreSaidFirst() throws Exception {
        Path recording;
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                ExampleServer.JETTY_12_1.jar(), ExampleServer.JETTY_12_1.serverArgs(), Artifacts.workDir("error-answers"))) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(0, Clients.send(Protocol.HTTP_1_1, base, "/no/such/path", REQUESTS, 4), "answers with status 200");
            assertEquals(REQUESTS, Clients.send(Protocol.H2C_PRIOR_KNOWLEDGE, base, "/body?size=1024", REQUESTS, 4));
            recording = server.stop();
        }
        HttpmemCli.Result json = HttpmemCli.report(recording);
        assertEquals(0, json.exitCode(), json.err());
        for (JsonNode p : json.json().get("protocols")) {
            String expected = p.get("protocol").asText().equals("HTTP/1.1") ? "4xx" : "2xx";
            assertEquals(REQUESTS, p.get("statusClasses").path(expected).asLong(), p.toString());
            assertEquals(1, p.get("statusClasses").size(), p.toString());
        }

        HttpmemCli.Result text = HttpmemCli.run("report", recording.toString());
        assertTrue(text.out().startsWith("HTTP/1.1: 300 of 300 exchanges answered 404: the figures below describe error"
                + " responses; check the URL and the server\nRecording "), text.out());
        assertTrue(text.out().contains("2xx 300"), text.out());

        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString());
        assertTrue(diff.out().startsWith("HTTP/1.1: 300 of 300 exchanges answered 404, so the retention figures describe"
                + " error responses; "), diff.out());
    }
}
