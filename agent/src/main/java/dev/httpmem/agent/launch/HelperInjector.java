package dev.httpmem.agent.launch;

import dev.httpmem.agent.runtime.AgentLog;
import dev.httpmem.agent.stacks.Helpers;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Defines a stack's helpers ({@link Helpers}) in a class loader that has the stack, beside the helpers' anchor, with
 * their package renamed to the anchor's and the stack's own classes to where the application has them. A lookup in
 * the anchor's package defines them there: the application's classes are in unnamed modules, open to all, so this
 * needs neither {@code sun.misc.Unsafe} nor a package opened to the agent (both change what the JVM prints or what
 * the application may do). Where the stack is in a named module that does not open the anchor's package, the stack
 * is not instrumented, and the log says so.
 */
final class HelperInjector implements Predicate<ClassLoader> {
    private final StackInstrumentation stack;
    private final List<Relocation> relocations;
    private final ClassFileLocator agentClasses;

    HelperInjector(StackInstrumentation stack, ClassFileLocator agentClasses) {
        this.stack = stack;
        this.relocations = relocations(stack.helpers(), stack.helpers().stackRelocation());
        this.agentClasses = agentClasses;
    }

    /**
     * What renames the helpers and the advice that calls them: the helpers' package first, then the stack's
     * ({@code stackRelocation}, where the application has the stack's classes).
     */
    static List<Relocation> relocations(Helpers helpers, Relocation stackRelocation) {
        return Stream.of(helpers.relocation(), stackRelocation).filter(r -> !r.isNone()).toList();
    }

    @Override
    public boolean test(ClassLoader loader) {
        Helpers helpers = stack.helpers();
        if (helpers.isNone()) {
            return true;
        }
        try {
            MethodHandles.Lookup beside = MethodHandles.privateLookupIn(
                    Class.forName(helpers.applicationAnchor(), false, loader), MethodHandles.lookup());
            for (Class<?> helper : helpers.classes()) {
                String name = RelocatedAdvice.name(helper.getName(), relocations);
                if (!defined(beside, name)) {
                    try {
                        beside.defineClass(RelocatedAdvice.renamed(agentClasses, helper.getName(), relocations));
                    } catch (LinkageError raced) {
                        // Another thread deciding for the same loader defined it first.
                        if (!defined(beside, name)) {
                            throw raced;
                        }
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException | IOException e) {
            AgentLog.info(stack.name() + ": cannot define its helper classes in " + loader + " (" + e + "); "
                    + stack.name() + " is not instrumented there");
            return false;
        }
    }

    /** The loader of the anchor defined {@code name} already: another copy of the stack's instrumentation did. */
    private static boolean defined(MethodHandles.Lookup beside, String name) throws IllegalAccessException {
        try {
            beside.findClass(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
