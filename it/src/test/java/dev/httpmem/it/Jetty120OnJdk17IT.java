package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Jetty 12.0 on JDK 17. */
class Jetty120OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "jetty-12.0-jdk17";
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
        return Optional.of(Jdks.current());
    }
}
