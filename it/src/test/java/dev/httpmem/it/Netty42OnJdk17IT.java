package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Netty 4.2 with the frame-codec/multiplex HTTP/2 API, on JDK 17. */
class Netty42OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "netty-jdk17";
    }

    @Override
    String stack() {
        return "netty";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("netty");
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
