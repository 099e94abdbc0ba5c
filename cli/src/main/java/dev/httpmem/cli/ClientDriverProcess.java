package dev.httpmem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * examples/clients' driver in a child JVM with the agent recording to a file: a client service that sends its
 * requests to a server and exits, JFR writing the recording as it does.
 */
public final class ClientDriverProcess {
    private static final long TIMEOUT_SECONDS = 300;

    private ClientDriverProcess() {}

    /**
     * Runs the driver to its end and returns its recording.
     *
     * @param jvmOptions   options of the driver's JVM besides the agent's
     * @param agentOptions more agent options after {@code out=}, e.g. {@code gc-every=250}, or empty
     * @param driverArgs   the driver's arguments, e.g. {@code --url http://127.0.0.1:8080/body --leaky}
     * @param workDir      receives recording.jfr, client.log, the driver's temporary files and JFR's repository
     * @throws IOException when it runs longer than five minutes or exits other than 0; the message names its log
     */
    public static Path run(Path javaHome, List<String> jvmOptions, Path agentJar, String agentOptions, Path driverJar,
                           List<String> driverArgs, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path recording = workDir.resolve("recording.jfr");
        Files.deleteIfExists(recording);
        Path log = workDir.resolve("client.log");
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp"))));
        command.addAll(jvmOptions);
        command.addAll(ExampleServerProcess.recordingOptions(agentJar, agentOptions, recording, workDir));
        command.addAll(List.of("-jar", driverJar.toString()));
        command.addAll(driverArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the client driver did not finish within " + TIMEOUT_SECONDS + " s; its log: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the client driver failed (exit " + process.exitValue() + "); its log: " + log);
        }
        return recording;
    }
}
