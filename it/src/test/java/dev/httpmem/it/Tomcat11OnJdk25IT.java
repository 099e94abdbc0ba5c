package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Tomcat 11 on JDK 25. */
class Tomcat11OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "tomcat-jdk25";
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
        return Jdks.jdk25();
    }
}
