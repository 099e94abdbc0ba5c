package dev.httpmem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The agent jar bundled in the CLI jar (cli/pom.xml copies it there), so the CLI jar alone can attach. It is
 * extracted to {@code java.io.tmpdir/httpmem-agent-<digest>.jar}: a JVM keeps reading classes from an agent
 * jar for as long as it runs, so the file must never change or vanish. Named by its content, it is never
 * rewritten with other bytes, never deleted, and a second attach names the same file.
 */
final class BundledAgent {
    private static final String RESOURCE = "httpmem-agent.jar";

    private BundledAgent() {
    }

    static Path extract() {
        try {
            byte[] jar = read();
            Path directory = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            Path stable = directory.resolve("httpmem-agent-" + digest(jar).substring(0, 16) + ".jar");
            if (isOurs(stable, jar)) {
                return readableByAll(stable);
            }
            Path fresh = readableByAll(Files.write(Files.createTempFile(directory, "httpmem-agent-", ".jar"), jar));
            try {
                return Files.move(fresh, stable, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                return fresh; // another user's file holds the name: ours under its unique name does as well
            }
        } catch (IOException e) {
            throw new CommandException("cannot extract the agent jar to " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage(), Main.EXIT_DATA);
        }
    }

    private static byte[] read() throws IOException {
        try (InputStream in = BundledAgent.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CommandException("this httpmem jar bundles no agent; build it with: mvn -B -DskipTests package",
                        Main.EXIT_DATA);
            }
            return in.readAllBytes();
        }
    }

    /** Root may attach to a JVM of another user, which then reads the jar as that user. */
    private static Path readableByAll(Path file) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Only this user's file: another user could change theirs after it was checked. */
    private static boolean isOurs(Path file, byte[] jar) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && Arrays.equals(Files.readAllBytes(file), jar);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
