package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Netty 4.1 with the frame-codec/multiplex HTTP/2 API, on JDK 25. */
class Netty41OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "netty-4.1-jdk25";
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
        return Jdks.jdk25();
    }
}
