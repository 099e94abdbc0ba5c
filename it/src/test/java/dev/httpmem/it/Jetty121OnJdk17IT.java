package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Jetty 12.1 on JDK 17. */
class Jetty121OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "jetty-jdk17";
    }

    @Override
    String stack() {
        return "jetty";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("jetty");
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
