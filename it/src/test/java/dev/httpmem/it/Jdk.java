package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** The JDKs forked servers run on. */
enum Jdk {
    /** The one running the tests: 17 in CI. */
    JDK_17,
    /** Where the machine has one; suites on it are skipped otherwise. */
    JDK_25;

    Optional<Path> home() {
        return this == JDK_17 ? Optional.of(Jdks.current()) : Jdks.jdk25();
    }
}
