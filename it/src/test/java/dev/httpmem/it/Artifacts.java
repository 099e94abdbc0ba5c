package dev.httpmem.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The build's own jars and the tests' scratch space under target/. */
final class Artifacts {
    private Artifacts() {}

    static Path repo() {
        return Paths.get(System.getProperty("httpmem.repo", "..")).toAbsolutePath().normalize();
    }

    static Path agentJar() {
        return existing(repo().resolve("agent/target/httpmem-agent.jar"));
    }

    static Path cliJar() {
        return existing(repo().resolve("cli/target/httpmem.jar"));
    }

    static Path exampleJar(String name) {
        return existing(repo().resolve("examples/" + name + "/target/httpmem-example-" + name + ".jar"));
    }

    static Path workDir(String name) {
        return Paths.get(System.getProperty("httpmem.itDir", "target/it")).toAbsolutePath().resolve(name);
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + "; build with mvn -B -DskipTests package first");
        }
        return jar;
    }
}
