package dev.httpmem.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example server in a child JVM, bound to free ports on 127.0.0.1: with the agent recording to a file, or
 * without it, to attach to. {@link #stop()} sends SIGTERM, as an operator would; JFR's shutdown hook then
 * writes the recording.
 */
public final class ExampleServerProcess implements AutoCloseable {
    /** What an example prints once it accepts connections (examples/common ExampleServerOptions). */
    private static final Pattern READY = Pattern.compile("httpmem-example ready stack=(\\S+) http=(\\d+) https=(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 120;

    private final Process process;
    /** Copies the server's output to {@link #log} until it exits. */
    private final Thread logCopy;
    private final Path log;
    private final Path recording;
    private final int port;
    private final int tlsPort;

    private ExampleServerProcess(Process process, Thread logCopy, Path log, Path recording, int port, int tlsPort) {
        this.process = process;
        this.logCopy = logCopy;
        this.log = log;
        this.recording = recording;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Starts an example server with the agent recording to {@code workDir}, and waits until it is ready.
     *
     * @param jvmOptions   options of the server's JVM besides the agent's, e.g. {@code -Xmx256m}
     * @param agentOptions more agent options after {@code out=}, e.g. {@code log=info}, or empty
     * @param workDir      receives recording.jfr, server.log, the server's temporary files and, while it runs, JFR's
     *                     repository
     */
    public static ExampleServerProcess start(Path javaHome, List<String> jvmOptions, Path agentJar, String agentOptions,
                                             Path serverJar, Path workDir)
            throws IOException, InterruptedException {
        return start(javaHome, jvmOptions, agentJar, agentOptions, serverJar, List.of(), workDir);
    }

    /**
     * Starts an example server with arguments of its own.
     *
     * @param serverArgs more arguments for the example, e.g. {@code --scenario h2-body-retention --leaky}
     */
    public static ExampleServerProcess start(Path javaHome, List<String> jvmOptions, Path agentJar, String agentOptions,
                                             Path serverJar, List<String> serverArgs, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path recording = workDir.resolve("recording.jfr");
        Files.deleteIfExists(recording);
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(recordingOptions(agentJar, agentOptions, recording, workDir));
        return launch(javaHome, options, serverJar, serverArgs, workDir, recording);
    }

    /**
     * The JVM options of a child recorded by the agent to {@code recording}: old-object samples enough for the
     * retained sites, and JFR's repository in {@code workDir}, where a killed child leaves what it recorded.
     */
    static List<String> recordingOptions(Path agentJar, String agentOptions, Path recording, Path workDir) {
        return List.of("-javaagent:" + agentJar + "=out=" + recording + (agentOptions.isEmpty() ? "" : "," + agentOptions),
                "-XX:FlightRecorderOptions:old-object-queue-size=4096,repository=" + workDir.resolve("jfr-repository"));
    }

    /** The server as it runs before anyone thinks of httpmem, for {@code httpmem attach}; {@link #stop()} does not apply. */
    public static ExampleServerProcess startWithoutAgent(Path javaHome, List<String> jvmOptions, Path serverJar, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        return launch(javaHome, jvmOptions, serverJar, List.of(), workDir, null);
    }

    private static ExampleServerProcess launch(Path javaHome, List<String> jvmOptions, Path serverJar,
                                               List<String> serverArgs, Path workDir, Path recording)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("server.log");
        // Its temporary files (TLS key store, Tomcat's base folder, the agent's bootstrap jar) go with workDir, even
        // when the server is killed and cannot remove them itself.
        Path temp = Files.createDirectories(workDir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Djava.io.tmpdir=" + temp));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", serverJar.toString(), "--port", "0", "--tls-port", "0"));
        command.addAll(serverArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyLog(process, log, ready), "httpmem-server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            Matcher matcher = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new ExampleServerProcess(process, pump, log, recording,
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the example server did not start; its log: " + log);
        }
    }

    private static void copyLog(Process process, Path log, CompletableFuture<Matcher> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter writer = Files.newBufferedWriter(log)) {
            for (String line; (line = out.readLine()) != null; ) {
                writer.write(line);
                writer.newLine();
                writer.flush();
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("server exited"));
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Stops the server with SIGTERM and waits for it to exit and its log to hold all it wrote. By its handle: {@code
     * Process.destroy} also closes the pipe its output comes through, and what it wrote while stopping was lost.
     */
    public void terminate() throws IOException, InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the example server did not stop within " + STOP_TIMEOUT_SECONDS + " s; its log: " + log);
        }
        logCopy.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
    }

    /** Kills the server with SIGKILL, as the kernel's out-of-memory killer would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the server with SIGTERM and returns the recording its agent wrote. */
    public Path stop() throws IOException, InterruptedException {
        if (recording == null) {
            throw new IllegalStateException("started without the agent: there is no recording");
        }
        terminate();
        if (!Files.isRegularFile(recording)) {
            throw new IOException("the example server wrote no recording at " + recording + "; its log: " + log);
        }
        return recording;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
