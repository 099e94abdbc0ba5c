package dev.httpmem.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the built jars are: under {@code httpmem.home} (set by bin/httpmem), else the repository the CLI jar
 * was built in ({@code cli/target/httpmem.jar} → the folder above {@code cli}).
 */
final class Installation {
    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    static Installation locate() {
        String configured = System.getProperty("httpmem.home");
        if (configured != null) {
            return new Installation(Paths.get(configured));
        }
        try {
            Path jar = Paths.get(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Installation(jar.getParent().getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return new Installation(Paths.get("."));
        }
    }

    Path agentJar() {
        return built("agent/target/httpmem-agent.jar");
    }

    Path exampleJar(String stack) {
        return built("examples/" + stack + "/target/httpmem-example-" + stack + ".jar");
    }

    private Path built(String relative) {
        Path jar = home.resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new CommandException("missing " + jar + "; build first: mvn -B -DskipTests package", Main.EXIT_DATA);
        }
        return jar;
    }
}
