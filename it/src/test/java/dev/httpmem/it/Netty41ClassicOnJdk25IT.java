package dev.httpmem.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Netty 4.1 with the classic Http2ConnectionHandler API, on JDK 25. */
class Netty41ClassicOnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "netty-4.1-classic-jdk25";
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
    List<String> serverArgs() {
        return List.of("--h2-api", "classic");
    }

    @Override
    Optional<Path> javaHome() {
        return Jdks.jdk25();
    }
}
