package dev.httpmem.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.stream.Stream;

/** The JDKs forked servers run on: the one running the tests, and JDK 25 where the machine has one. */
final class Jdks {
    private Jdks() {}

    static Path current() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** {@code $JAVA25_HOME}, else a JDK 25 under /usr/lib/jvm. */
    static Optional<Path> jdk25() {
        String configured = System.getenv("JAVA25_HOME");
        if (configured != null && Files.isExecutable(Paths.get(configured, "bin", "java"))) {
            return Optional.of(Paths.get(configured));
        }
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> home.getFileName().toString().matches(".*\\b25\\b.*|.*-25-.*|.*-25"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release of the JDK at {@code home}, from its release file; 0 if it does not say. */
    static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
