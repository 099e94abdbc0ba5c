package dev.httpmem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import jdk.jfr.consumer.EventStream;

/**
 * A JVM on this machine, read through its JFR repository, which the Attach API names without loading anything
 * into it. With {@code --out} the agent starts a recording of its own for the watch (named after this process,
 * so it never meets the one of {@code httpmem attach}) and stops it into the file when the watch ends.
 */
final class LocalJvmSource implements WatchSource {
    private final TargetJvm target;
    private final ProcessHandle process;
    private final RepositorySource repository;
    private final String recording;
    private final Path agentJar;

    private LocalJvmSource(TargetJvm target, ProcessHandle process, RepositorySource repository, String recording, Path agentJar) {
        this.target = target;
        this.process = process;
        this.repository = repository;
        this.recording = recording;
        this.agentJar = agentJar;
    }

    /** @param out where {@link #keep} will write, or null: no recording of the watch's own */
    static LocalJvmSource open(long pid, Path out, PrintWriter notes) {
        TargetJvm target = TargetJvm.attach(pid);
        try {
            String recording = null;
            Path agentJar = null;
            if (out != null) {
                recording = "httpmem-watch-" + ProcessHandle.current().pid();
                agentJar = BundledAgent.extract();
                target.loadAgent(agentJar, "recording=" + recording + ",out=" + out.toAbsolutePath());
                target.dynamicAgentNote().ifPresent(notes::println);
            }
            String path = target.systemProperty("jdk.jfr.repository");
            if (path.isEmpty()) {
                throw new CommandException("process " + pid + " has no JFR recording to watch; start one with: httpmem attach "
                        + pid + " (or watch with --out REC.jfr)", Main.EXIT_DATA);
            }
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new CommandException("process " + pid + " exited", Main.EXIT_DATA));
            return new LocalJvmSource(target, process, RepositorySource.open(Paths.get(path)), recording, agentJar);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    @Override
    public EventStream stream() {
        return repository.stream();
    }

    @Override
    public String description() {
        return "process " + target.pid();
    }

    @Override
    public boolean ended() {
        return !process.isAlive();
    }

    /** Stops the watch's recording into a temporary file that then takes the place of {@code out}. */
    @Override
    public void keep(Path out) {
        if (ended()) {
            return; // JFR wrote the recording to out itself when the JVM exited
        }
        Output.replaceWhole(out, temp -> {
            try {
                target.loadAgent(agentJar, "stop,recording=" + recording + ",out=" + temp);
            } catch (CommandException e) {
                throw new IOException(e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        repository.close();
        target.close();
    }
}
