package dev.httpmem.agent.stacks;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every advice binding of every stack finds its method in the oldest and the newest release of each supported
 * line, and every landmark its class: a method a release renamed or retyped fails here rather than leaving a
 * user's server silently unmeasured. The newest releases are the agent's provided dependencies; the oldest are
 * copied by the build ({@code target/oldest-releases}). Type matchers are by name, so names alone select the types.
 */
class StackBindingsTest {
    private static final Path RUNNING_JDK = Path.of(System.getProperty("java.home"));
    /** The newest JDK the JDK's own stacks are checked on, where the machine has it (CI's does). */
    private static final Path JDK_25 = Path.of(System.getenv().getOrDefault("JAVA25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Map<Path, FileSystem> JDK_FILE_SYSTEMS = new ConcurrentHashMap<>();
    /** Bindings meant for one line only, by the release where each finds no method. */
    private static final Map<String, Set<String>> ABSENT = Map.of(
            // Tomcat 11 dropped server push and the writeHeaders overload that carried a pushed stream's id.
            "tomcat 11", Set.of("Http2UpgradeHandlerInstrumentation.WritePushableHeadersAdvice"),
            "tomcat 10.1", Set.of("Http2UpgradeHandlerInstrumentation.WriteHeadersAdvice"),
            // HttpObjectDecoder's own handlerRemoved0 is 4.1.88's: before it, the channel going inactive ends the
            // exchanges a closed connection leaves open (ByteToMessageDecoderInstrumentation).
            "netty 4.1.80", Set.of("HttpObjectDecoderInstrumentation.HandlerRemovedAdvice"),
            "netty 4.1.80 with Vert.x 4.5", Set.of("HttpObjectDecoderInstrumentation.HandlerRemovedAdvice"));

    /**
     * A stack's release: in {@code jars}, or for a stack in a JDK module, {@code module} of the JDK at
     * {@code javaHome}.
     */
    record Release(String stack, String line, List<Path> jars, String module, Path javaHome) {
        Release(String stack, String line, List<Path> jars) {
            this(stack, line, jars, null, null);
        }

        /** The stack in {@code module} of the JDK at {@code javaHome}, named by that JDK's feature release. */
        static Release ofJdk(String stack, String module, Path javaHome, int feature) {
            return new Release(stack, "JDK " + feature, List.of(), module, javaHome);
        }

        @Override
        public String toString() {
            return stack + " " + line;
        }
    }

    static List<Release> releases() throws IOException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(path -> path.toString().endsWith(".jar")).toList();
        return List.of(
                new Release("jetty", "12.1", jars(classPath, "jetty-")),
                new Release("jetty", "12.0", oldest("jetty")),
                new Release("jettyclient", "12.1", jars(classPath, "jetty-")),
                new Release("jettyclient", "12.0", oldest("jettyclient")),
                new Release("okhttp", "5.5", jars(classPath, "okhttp-jvm")),
                new Release("okhttp", "5.1", oldest("okhttp")),
                new Release("netty", "4.2", jars(classPath, "netty-")),
                new Release("netty", "4.1.80", oldest("netty")),
                new Release("netty", "4.2 with Vert.x 5.0", concat(jars(classPath, "netty-"), jars(classPath, "vertx-core"))),
                new Release("netty", "4.1.80 with Vert.x 4.5", concat(oldest("netty"), oldest("vertx"))),
                new Release("tomcat", "11", jars(classPath, "tomcat-embed-core")),
                new Release("tomcat", "10.1", oldest("tomcat")),
                new Release("undertow", "2.4", jars(classPath, "undertow-core")),
                new Release("undertow", "2.3", oldest("undertow")),
                new Release("grizzly", "4.0.2", jars(classPath, "grizzly-")),
                new Release("grizzly", "4.0.0", oldest("grizzly")),
                new Release("netty", "4.1 in grpc-netty-shaded 1.85", jars(classPath, "grpc-netty-shaded")),
                new Release("netty", "4.1 in grpc-netty-shaded 1.82", oldest("grpc-netty-shaded")),
                new Release("grpc", "1.85", concat(jars(classPath, "grpc-core"), jars(classPath, "grpc-api"))),
                new Release("grpc", "1.82", oldest("grpc")),
                new Release("helidon", "4.5", jars(classPath, "helidon-")),
                new Release("helidon", "4.2", oldest("helidon")),
                new Release("servlet", "6.1", jars(classPath, "tomcat-embed-core")),
                new Release("servlet", "5.0", oldest("servlet")),
                new Release("servlet", "javax 4.0", oldest("servlet-javax-4.0")),
                new Release("servlet", "javax 3.0", oldest("servlet-javax-3.0")),
                Release.ofJdk("jdkhttp", "jdk.httpserver", RUNNING_JDK, Runtime.version().feature()),
                Release.ofJdk("jdkclient", "java.net.http", RUNNING_JDK, Runtime.version().feature()),
                Release.ofJdk("jdkclient", "java.net.http", JDK_25, 25));
    }

    /** The release just before a line's oldest supported one, where the gate must turn the stack off. */
    static List<Release> releasesBeforeTheOldest() throws IOException {
        return List.of(new Release("netty", "4.1.79", oldest("netty-4.1.79")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasesBeforeTheOldest")
    void theReleaseBeforeTheOldestLacksALandmark(Release release) throws IOException {
        Set<String> classes = classNames(release.jars());
        StackInstrumentation stack = stackOf(release, classes);
        assertFalse(classes.containsAll(stack.landmarkClasses()), release + ": has every landmark of " + stack.supportedVersions());
    }

    /** A stack under two package names (the servlet fallback: jakarta and javax) is the one whose classes these are. */
    private static StackInstrumentation stackOf(Release release, Set<String> classes) {
        return Stacks.all().stream()
                .filter(s -> s.name().equals(release.stack()) && classes.contains(s.presenceClass()))
                .findFirst().orElseThrow(() -> new AssertionError(release + ": no presence class of " + release.stack()));
    }

    static List<Release> helidonReleases() throws IOException {
        return releases().stream().filter(release -> release.stack().equals("helidon")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void everyBindingFindsItsMethodAndEveryLandmarkItsClass(Release release) throws IOException {
        List<ClassFileLocator> locators = new ArrayList<>();
        for (Path jar : release.jars()) {
            locators.add(ClassFileLocator.ForJarFile.of(jar.toFile()));
        }
        Set<String> classes;
        if (release.module() == null) {
            classes = classNames(release.jars());
        } else {
            assumeTrue(Files.isDirectory(release.javaHome()), "no JDK at " + release.javaHome());
            Map<String, byte[]> classFiles = jdkModuleClassFiles(jdkModule(release.javaHome(), release.module()));
            classes = classFiles.keySet();
            locators.add(new ClassFileLocator.Simple(classFiles));
        }
        locators.add(ClassFileLocator.ForClassLoader.ofSystemLoader());
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(locators));
        StackInstrumentation stack = stackOf(release, classes);
        stack.landmarkClasses().forEach(landmark -> assertTrue(classes.contains(landmark), release + ": landmark " + landmark));
        if (!stack.helpers().isNone()) {
            assertTrue(classes.contains(stack.helpers().applicationAnchor()), release + ": helpers' anchor " + stack.helpers().anchor());
            assertTrue(stack.typeInstrumentations().stream().noneMatch(instrumentation -> instrumentation.typeMatcher().matches(
                    new TypeDescription.Latent(stack.helpers().applicationAnchor(), 0, null, List.of()))),
                    release + ": the helpers' anchor is loaded while classes are instrumented, so no advice may instrument it");
        }
        Set<String> unmatched = new TreeSet<>();
        for (TypeInstrumentation instrumentation : stack.typeInstrumentations()) {
            List<TypeDescription> types = classes.stream()
                    .filter(name -> instrumentation.typeMatcher().matches(new TypeDescription.Latent(name, 0, null, List.of())))
                    .map(name -> pool.describe(name).resolve()).toList();
            if (types.isEmpty() && instrumentation.optional()) {
                continue;
            }
            assertFalse(types.isEmpty(), release + ": no class for " + instrumentation.getClass().getSimpleName());
            for (TypeInstrumentation.AdviceBinding binding : instrumentation.advice()) {
                if (types.stream().noneMatch(type -> !type.getDeclaredMethods().filter(binding.methods()).isEmpty())) {
                    unmatched.add(instrumentation.getClass().getSimpleName() + "." + binding.advice().getSimpleName());
                }
            }
        }
        assertEquals(ABSENT.getOrDefault(release.toString(), Set.of()), unmatched, release + ": bindings that find no method");
    }

    /**
     * The stand-ins the Helidon advice compiles against (module stubs) are what the advice links against where it is
     * inlined: each is a class or an interface as the real one is, and each of its methods is there with its
     * descriptor, in the oldest and the newest Helidon release checked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("helidonReleases")
    void everyStandInMemberIsTheStacksOwn(Release release) throws IOException {
        List<Path> stubJars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(path -> path.getFileName().toString().startsWith("httpmem-stubs")
                        || path.toString().contains("/stubs/target/classes")).toList();
        assertFalse(stubJars.isEmpty(), "the stubs module on the test class path");
        Set<String> stubClasses = new TreeSet<>();
        List<ClassFileLocator> stubLocators = new ArrayList<>();
        for (Path stubs : stubJars) {
            if (Files.isDirectory(stubs)) {
                try (Stream<Path> files = Files.walk(stubs)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> stubClasses.add(
                            stubs.relativize(f).toString().replace(".class", "").replace('/', '.')));
                }
                stubLocators.add(new ClassFileLocator.ForFolder(stubs.toFile()));
            } else {
                stubClasses.addAll(classNames(List.of(stubs)));
                stubLocators.add(ClassFileLocator.ForJarFile.of(stubs.toFile()));
            }
        }
        TypePool stubPool = TypePool.Default.of(new ClassFileLocator.Compound(stubLocators));
        List<ClassFileLocator> realLocators = new ArrayList<>();
        for (Path jar : release.jars()) {
            realLocators.add(ClassFileLocator.ForJarFile.of(jar.toFile()));
        }
        realLocators.add(ClassFileLocator.ForClassLoader.ofBootLoader());
        TypePool realPool = TypePool.Default.of(new ClassFileLocator.Compound(realLocators));
        Set<String> missing = new TreeSet<>();
        for (String name : stubClasses) {
            TypeDescription stub = stubPool.describe(name).resolve();
            TypePool.Resolution resolution = realPool.describe(name);
            if (!resolution.isResolved()) {
                missing.add(name);
                continue;
            }
            TypeDescription real = resolution.resolve();
            if (real.isInterface() != stub.isInterface()) {
                missing.add(name + " (class or interface)");
            }
            for (MethodDescription.InDefinedShape method : stub.getDeclaredMethods().filter(isMethod().and(isPublic())
                    .and(not(isStatic())))) {
                boolean found = false;
                for (TypeDescription.Generic type = real.asGenericType(); type != null && !found; type = type.getSuperClass()) {
                    found = !type.asErasure().getDeclaredMethods().filter(named(method.getName())
                            .and(hasDescriptor(method.getDescriptor()))).isEmpty();
                }
                if (!found) {
                    missing.add(name + "." + method.getName() + method.getDescriptor());
                }
            }
        }
        assertEquals(Set.of(), missing, release + ": stand-ins Helidon does not have as they are");
    }

    private static List<Path> jars(List<Path> classPath, String prefix) {
        List<Path> jars = classPath.stream().filter(jar -> jar.getFileName().toString().startsWith(prefix)).toList();
        assertFalse(jars.isEmpty(), "no " + prefix + "* jar on the test class path");
        return jars;
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static List<Path> oldest(String line) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target", "oldest-releases", line))) {
            return files.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Set<String> classNames(List<Path> jars) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")) {
                        names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        }
        return names;
    }

    /** {@code module} of the JDK at {@code javaHome}, read through its jrt file system (the running JDK's, or one opened on it). */
    private static Path jdkModule(Path javaHome, String module) throws IOException {
        FileSystem jrt = javaHome.equals(RUNNING_JDK) ? FileSystems.getFileSystem(URI.create("jrt:/"))
                : JDK_FILE_SYSTEMS.computeIfAbsent(javaHome, home -> {
                    try {
                        return FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", home.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return jrt.getPath("modules", module);
    }

    /** The class files of a JDK's module, by class name. */
    private static Map<String, byte[]> jdkModuleClassFiles(Path module) throws IOException {
        Map<String, byte[]> classFiles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(module)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = module.relativize(file).toString();
                if (name.endsWith(".class") && !name.equals("module-info.class")) {
                    classFiles.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(file));
                }
            }
        }
        return classFiles;
    }
}
