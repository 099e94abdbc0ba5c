package dev.httpmem.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> command = new ArrayList<>(List.of(Jdks.current().resolve("bin/java").toString(),
                "-jar", Artifacts.cliJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("httpmem " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Result report(Path recording) throws Exception {
        return run("report", recording.toString(), "--json");
    }
}
