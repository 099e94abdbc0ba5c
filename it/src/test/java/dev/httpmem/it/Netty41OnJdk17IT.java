package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Netty 4.1 with the frame-codec/multiplex HTTP/2 API, on JDK 17. */
class Netty41OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "netty-4.1-jdk17";
    }

    @Override
    String stack() {
        return "netty";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("netty-4.1");
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
