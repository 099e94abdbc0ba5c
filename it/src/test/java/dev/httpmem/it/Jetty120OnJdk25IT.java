package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Jetty 12.0 on JDK 25. */
class Jetty120OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "jetty-12.0-jdk25";
    }

    @Override
    String stack() {
        return "jetty";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("jetty-12.0");
    }

    @Override
    Optional<Path> javaHome() {
        return Jdks.jdk25();
    }
}
