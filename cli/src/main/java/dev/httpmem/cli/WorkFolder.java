package dev.httpmem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A temporary folder that this JVM's child processes write into (the demo's example servers: their recordings, JFR
 * repositories, logs and temporary files), removed with all it holds by {@link #remove()} or, when the JVM is stopped
 * first (Ctrl-C, SIGTERM), by a shutdown hook. The hook ends the child processes first: a server still running would
 * go on writing there.
 */
final class WorkFolder {
    private static final long CHILD_EXIT_SECONDS = 10;

    private final Path path;
    private final PrintWriter notes;
    private final Thread removalAtExit;

    private WorkFolder(Path path, PrintWriter notes) {
        this.path = path;
        this.notes = notes;
        this.removalAtExit = new Thread(() -> {
            ProcessHandle.current().children().forEach(WorkFolder::kill);
            delete();
        }, "httpmem-remove-" + path.getFileName());
    }

    /**
     * A new folder {@code prefix...} in {@code parent}, removed at the latest when the JVM exits.
     *
     * @param notes told when the folder cannot be removed
     */
    static WorkFolder create(Path parent, String prefix, PrintWriter notes) throws IOException {
        WorkFolder folder = new WorkFolder(Files.createTempDirectory(parent, prefix), notes);
        Runtime.getRuntime().addShutdownHook(folder.removalAtExit);
        return folder;
    }

    Path path() {
        return path;
    }

    /** Removes the folder now. */
    void remove() {
        forgetRemovalAtExit();
        delete();
    }

    /** Leaves the folder in place, now and when the JVM exits. */
    void keep() {
        forgetRemovalAtExit();
    }

    private void forgetRemovalAtExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(removalAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting already: the hook runs, whatever the caller meant
        }
    }

    private static void kill(ProcessHandle child) {
        child.destroyForcibly();
        try {
            child.onExit().get(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // removal goes ahead: a child still running after the wait may leave a file it writes later behind
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is no reason to fail what used it: say so, and go on.
            notes.println("httpmem: could not remove " + path + ": " + e.getMessage());
            notes.flush();
        }
    }
}
