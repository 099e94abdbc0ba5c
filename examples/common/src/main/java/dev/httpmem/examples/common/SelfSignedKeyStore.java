package dev.httpmem.examples.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/** A throwaway PKCS12 key store for 127.0.0.1, made with the running JDK's keytool, removed when the JVM exits. */
public final class SelfSignedKeyStore {
    public static final String PASSWORD = "httpmem";

    private SelfSignedKeyStore() {}

    /** Key managers for a new key store ({@link #create}), for stacks that take them rather than a file. */
    public static KeyManagerFactory keyManagers() throws IOException, InterruptedException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(create())) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD.toCharArray());
        return keys;
    }

    public static Path create() throws IOException, InterruptedException {
        Path dir = TemporaryFolder.createRemovedAtExit("httpmem-tls");
        Path keyStore = dir.resolve("server.p12");
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not create a key store in " + dir);
        }
        return keyStore;
    }
}
