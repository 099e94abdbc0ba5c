package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Tomcat 10.1 on JDK 17. */
class Tomcat101OnJdk17IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "tomcat-10.1-jdk17";
    }

    @Override
    String stack() {
        return "tomcat";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("tomcat-10.1");
    }

    @Override
    Optional<Path> javaHome() {
        return Optional.of(Jdks.current());
    }
}
