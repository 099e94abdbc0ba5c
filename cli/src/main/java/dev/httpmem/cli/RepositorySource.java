package dev.httpmem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.EventStream;

/** A JFR disk repository, of any JVM this user can read: what every recording in that JVM enables. */
final class RepositorySource implements WatchSource {
    private final Path repository;
    private final EventStream stream;

    private RepositorySource(Path repository, EventStream stream) {
        this.repository = repository;
        this.stream = stream;
    }

    static RepositorySource open(Path repository) {
        if (!Files.isDirectory(repository)) {
            throw new CommandException("no such JFR repository: " + repository, Main.EXIT_DATA);
        }
        try {
            return new RepositorySource(repository, EventStream.openRepository(repository));
        } catch (IOException e) {
            throw new CommandException("cannot read the JFR repository " + repository + ": " + e.getMessage(), Main.EXIT_DATA);
        }
    }

    @Override
    public EventStream stream() {
        return stream;
    }

    @Override
    public String description() {
        return "repository " + repository;
    }

    @Override
    public boolean ended() {
        return false;
    }

    @Override
    public void keep(Path out) {
        throw new IllegalStateException("--out needs a PID or --jmx");
    }

    @Override
    public void close() {
        stream.close();
    }
}
