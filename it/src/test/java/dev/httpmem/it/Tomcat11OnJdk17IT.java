package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Tomcat 11 on JDK 17. */
class Tomcat11OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "tomcat-jdk17";
    }

    @Override
    String stack() {
        return "tomcat";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("tomcat");
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
