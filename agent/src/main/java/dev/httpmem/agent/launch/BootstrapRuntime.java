package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.Exchanges;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the packages advice calls (the runtime and its JFR events) on the bootstrap class path, for stacks in JDK
 * modules: their classes are defined by the platform loader, which sees that path and not the application's. The
 * packages are copied from the agent jar into a jar of their own, so the rest of the agent (launcher, stacks, Byte
 * Buddy) stays with the application loader. Class loaders ask their parents first, so once the jar is appended
 * every loader, the agent's own included, gets the one bootstrap copy of each runtime class: this must happen
 * before anything loads one, or two copies would meet.
 */
final class BootstrapRuntime {
    private static final List<String> PACKAGES = List.of("dev/httpmem/agent/runtime/", "dev/httpmem/agent/events/");

    private BootstrapRuntime() {}

    /** Returns null once installed, else why not (the runtime then stays with the application loader). */
    static String install(Instrumentation instrumentation) {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (PACKAGES.stream().anyMatch(p -> loaded.getName().startsWith(p.replace('/', '.')))) {
                return loaded.getName() + " was loaded before the agent could move the runtime";
            }
        }
        try {
            Path agentJar = Paths.get(BootstrapRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path runtimeJar = Files.createTempFile("httpmem-runtime", ".jar");
            runtimeJar.toFile().deleteOnExit();
            copyPackages(agentJar, runtimeJar);
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(runtimeJar.toFile()));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return e.toString();
        }
        return Exchanges.class.getClassLoader() == null ? null : "the runtime still loads from " + Exchanges.class.getClassLoader();
    }

    private static void copyPackages(Path agentJar, Path runtimeJar) throws IOException {
        try (JarFile agent = new JarFile(agentJar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(runtimeJar))) {
            for (Enumeration<JarEntry> entries = agent.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && PACKAGES.stream().anyMatch(entry.getName()::startsWith)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = agent.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
