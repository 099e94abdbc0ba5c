package dev.httpmem.it;

import java.nio.file.Path;
import java.util.Optional;

/** Tomcat 10.1 on JDK 25. */
class Tomcat101OnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "tomcat-10.1-jdk25";
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
        return Jdks.jdk25();
    }
}
