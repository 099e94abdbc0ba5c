package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Jetty 12.1 on JDK 25. */
class Jetty121OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "jetty-jdk25";
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
        return Jdks.jdk25();
    }
}
