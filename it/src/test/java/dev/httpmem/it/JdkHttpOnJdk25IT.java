package dev.httpmem.it;

import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK 25's own HTTP server, HTTP/1.1 only. Its classes are the platform loader's: every event recorded for
 * it comes from advice that linked against the agent's runtime on the bootstrap class path.
 */
class JdkHttpOnJdk25IT extends AbstractServerSuiteIT {
    @Override
    String name() {
        return "jdkhttp-jdk25";
    }

    @Override
    String stack() {
        return "jdkhttp";
    }

    @Override
    Path serverJar() {
        return Artifacts.exampleJar("jdkhttp");
    }

    @Override
    Set<Protocol> protocols() {
        return EnumSet.of(Protocol.HTTP_1_1);
    }

    @Override
    Optional<Path> javaHome() {
        return Jdks.jdk25();
    }
}
