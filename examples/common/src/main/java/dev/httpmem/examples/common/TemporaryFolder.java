package dev.httpmem.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders an example server needs while it runs (its TLS key store, Tomcat's base), removed with all they hold when
 * its JVM exits: after main, on Ctrl-C or SIGTERM. {@code File.deleteOnExit} would not do: it removes no folder that
 * still holds anything.
 */
public final class TemporaryFolder {
    private TemporaryFolder() {}

    /** A new folder {@code prefix...} in the JVM's temporary folder ({@code java.io.tmpdir}). */
    public static Path createRemovedAtExit(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "httpmem-remove-" + folder.getFileName()));
        return folder;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + folder + ": " + e.getMessage());
        }
    }
}
