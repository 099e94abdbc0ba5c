package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** The JDKs forked servers run on. */
enum Jdk {
    /** The one running the tests: 17 in CI. */
    JDK_17(17),
    /** Where the machine has one; suites on it are skipped otherwise. */
    JDK_25(25);

    private final int feature;

    Jdk(int feature) {
        this.feature = feature;
    }

    int feature() {
        return feature;
    }

    Optional<Path> home() {
        return this == JDK_17 ? Optional.of(Jdks.current()) : Jdks.jdk25();
    }

    /** Its home; the calling test is skipped where the machine has none. */
    Path homeOrSkip() {
        Optional<Path> home = home();
        Assumptions.assumeTrue(home.isPresent(), "no JDK " + feature + " on this machine (set JAVA25_HOME)");
        return home.get();
    }
}
