package dev.httpmem.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A running JVM on this machine, reached with the Attach API. Everything that can be checked from outside is
 * checked before the first byte goes to the process: signalling a process that is not a JVM could kill it.
 * Use {@link JdkModules#require} for jdk.attach before this class loads.
 */
final class TargetJvm implements AutoCloseable {
    static final int MIN_FEATURE = 17;

    private final long pid;
    private final String owner;
    private final VirtualMachine vm;
    private final Properties systemProperties;

    private TargetJvm(long pid, String owner, VirtualMachine vm, Properties systemProperties) {
        this.pid = pid;
        this.owner = owner;
        this.vm = vm;
        this.systemProperties = systemProperties;
    }

    static TargetJvm attach(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(
                () -> new CommandException("no such process: " + pid, Main.EXIT_DATA));
        String me = System.getProperty("user.name");
        String owner = process.info().user().orElse(me);
        if (!owner.equals(me) && !me.equals("root")) {
            throw new CommandException("attach not permitted: process " + pid + " belongs to " + owner
                    + ", and the Attach API reaches only JVMs of the same user (run httpmem as " + owner + ")", Main.EXIT_DATA);
        }
        String id = Long.toString(pid);
        if (VirtualMachine.list().stream().noneMatch(descriptor -> descriptor.id().equals(id))) {
            // The list leaves out JVMs that refuse attach; their performance data file still says they are JVMs.
            if (hasPerformanceData(pid, owner)) {
                throw new CommandException("attach not permitted: process " + pid
                        + " was started with -XX:+DisableAttachMechanism", Main.EXIT_DATA);
            }
            throw new CommandException("process " + pid + process.info().command().map(c -> " (" + c + ")").orElse("")
                    + " is not a JVM, or one started with -XX:-UsePerfData, which the Attach API cannot find", Main.EXIT_DATA);
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(id);
        } catch (AttachNotSupportedException e) {
            throw new CommandException("attach not permitted: process " + pid + " refuses it: " + e.getMessage(), Main.EXIT_DATA);
        } catch (IOException e) {
            throw new CommandException("cannot attach to process " + pid + ": " + e.getMessage(), Main.EXIT_DATA);
        }
        try {
            TargetJvm target = new TargetJvm(pid, owner, vm, vm.getSystemProperties());
            if (target.feature() < MIN_FEATURE) {
                throw new CommandException("process " + pid + " runs Java " + target.systemProperty("java.version")
                        + "; httpmem needs Java " + MIN_FEATURE + " or later", Main.EXIT_DATA);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            detach(vm);
            throw e instanceof CommandException command ? command
                    : new CommandException("cannot read the properties of process " + pid + ": " + e.getMessage(), Main.EXIT_DATA);
        }
    }

    /** HotSpot's hsperfdata file, in the temp folder as the process sees it (it may run in a container). */
    private static boolean hasPerformanceData(long pid, String owner) {
        String file = "tmp/hsperfdata_" + owner + "/" + pid;
        return Files.exists(Path.of("/proc/" + pid + "/root").resolve(file)) || Files.exists(Path.of("/").resolve(file));
    }

    long pid() {
        return pid;
    }

    String systemProperty(String name) {
        return systemProperties.getProperty(name, "");
    }

    /** The Java feature release, 17 for 17.0.15; 8 for 1.8. */
    int feature() {
        String version = systemProperty("java.specification.version");
        try {
            return Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * On JDK 21 and later the JVM warns on its standard error when an agent loads at run time, unless it was
     * started with -XX:+EnableDynamicAgentLoading (JEP 451): say how to silence it.
     */
    Optional<String> dynamicAgentNote() {
        String vmArguments;
        try {
            vmArguments = vm.getAgentProperties().getProperty("sun.jvm.args", "");
        } catch (IOException e) {
            vmArguments = "";
        }
        if (feature() < 21 || vmArguments.contains("-XX:+EnableDynamicAgentLoading")) {
            return Optional.empty();
        }
        return Optional.of("note: JDK " + feature() + " warned on the standard error of process " + pid + " about an agent"
                + " loaded at run time; start it with -XX:+EnableDynamicAgentLoading to allow that silently");
    }

    /**
     * Loads the agent with {@code options} and returns the status line its {@code agentmain} wrote.
     *
     * @throws CommandException when the JVM could not load it or the agent reports a failure
     */
    AgentStatus loadAgent(Path agentJar, String options) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("httpmem-attach");
            if (!owner.equals(System.getProperty("user.name"))) {
                // root attaching to another user's JVM: the agent writes its status as that user
                Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
            }
            Path status = folder.resolve("status");
            vm.loadAgent(agentJar.toString(), options + ",status=" + status);
            return AgentStatus.read(status, pid);
        } catch (AgentLoadException e) {
            throw new CommandException("process " + pid + " could not load the agent: " + e.getMessage()
                    + (feature() >= 21 ? " (was it started with -XX:-EnableDynamicAgentLoading?)" : ""), Main.EXIT_DATA);
        } catch (AgentInitializationException e) {
            throw new CommandException("the agent failed to start in process " + pid + " (see its standard error): "
                    + e.getMessage(), Main.EXIT_DATA);
        } catch (IOException e) {
            throw new CommandException("lost the connection to process " + pid + ": " + e.getMessage(), Main.EXIT_DATA);
        } finally {
            deleteQuietly(folder);
        }
    }

    @Override
    public void close() {
        detach(vm);
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a leftover empty temp folder harms nobody
        }
    }

    /** The agent's answer: {@code STATE message}, as agent/launch/AttachStatus writes it. */
    record AgentStatus(String state, String message) {
        static AgentStatus read(Path file, long pid) throws IOException {
            String line;
            try {
                line = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new CommandException("the agent in process " + pid + " reported nothing; see its standard error",
                        Main.EXIT_DATA);
            }
            int space = line.indexOf(' ');
            AgentStatus status = space < 0 ? new AgentStatus(line, "") : new AgentStatus(line.substring(0, space), line.substring(space + 1));
            if (status.state.equals("failed")) {
                throw new CommandException("process " + pid + ": " + status.message, Main.EXIT_DATA);
            }
            return status;
        }
    }
}
