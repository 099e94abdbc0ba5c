package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Netty 4.2 with the frame-codec/multiplex HTTP/2 API, on JDK 25. */
class Netty42OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "netty-jdk25";
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
        return Jdks.jdk25();
    }
}
