package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The built CLI jar, run as a user runs it. */
final class HttpmemCli {
    record Result(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private HttpmemCli() {}

    static Result run(String... args) throws Exception {
        return runWith(java(Jdks.current()), args);
    }

    /**
     * Java from {@code javaHome}, with its temp folder (where attach extracts the agent jar) under target/, and the
     * options of the suite's forked JVMs.
     */
    static List<String> java(Path javaHome) throws IOException {
        Path temp = Files.createDirectories(Artifacts.workDir("cli-tmp"));
        List<String> java = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Djava.io.tmpdir=" + temp));
        java.addAll(ForkedJvms.OPTIONS);
        return java;
    }

    /** @param java the command that runs java, e.g. with setpriv before it to run as another user */
    static Result runWith(List<String> java, String... args) throws Exception {
        Process process = start(java, args);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("httpmem " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    /** Starts the CLI and leaves it running, for commands that run until stopped. */
    static Process start(List<String> java, String... args) throws IOException {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("-jar", Artifacts.cliJar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    static Result report(Path recording) throws Exception {
        return run("report", recording.toString(), "--json");
    }

    /** {@code httpmem diff REC --json}, which must exit 0. */
    static JsonNode diffJson(Path recording) throws Exception {
        Result diff = run("diff", recording.toString(), "--json");
        assertEquals(0, diff.exitCode(), diff.err());
        return diff.json();
    }

    /** The one row of the protocol so named in the JSON of a report or a diff. */
    /**
     * That diff does not say the protocol retains, and that its slope stays below {@code bytesPerExchange}: a
     * protocol that keeps nothing may still read unclear where its heap moves in buffer-sized jumps between GCs.
     */
    static void assertNotRetaining(JsonNode report, String protocol, double bytesPerExchange) {
        JsonNode fit = protocol(report, protocol);
        assertTrue(!fit.get("status").asText().equals("RETAINS")
                        && fit.get("retainedBytesPerExchange").get("estimate").asDouble() < bytesPerExchange,
                protocol + ": " + fit.get("status") + ", " + fit.get("retainedBytesPerExchange") + ", median "
                        + fit.get("medianRetainedBytesPerExchange"));
    }

    static JsonNode protocol(JsonNode report, String protocol) {
        List<JsonNode> matches = new ArrayList<>();
        report.get("protocols").forEach(p -> {
            if (protocol.equals(p.get("protocol").asText())) {
                matches.add(p);
            }
        });
        assertEquals(1, matches.size(), protocol + " in " + report.get("protocols"));
        return matches.get(0);
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getErrorStream().readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
