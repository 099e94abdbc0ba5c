package dev.httpmem.agent.stacks;

import dev.httpmem.agent.runtime.AgentLog;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lets a stack's advice into a class loader only when the loader sees every landmark class of a supported
 * version, and once what the advice needs there is ready ({@code prepare}: its helpers defined). Looks classes up
 * as resources, so nothing is loaded or initialized early.
 */
public final class LandmarkGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final StackInstrumentation stack;
    private final Predicate<ClassLoader> prepare;
    private final Map<ClassLoader, Boolean> decisions = new WeakHashMap<>();
    private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

    /**
     * @param prepare readies a loader of a supported version for the stack's advice, once, before any of it is
     *                woven there; false leaves the stack uninstrumented in that loader (it says why itself)
     */
    public LandmarkGate(StackInstrumentation stack, Predicate<ClassLoader> prepare) {
        this.stack = stack;
        this.prepare = prepare;
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        synchronized (decisions) {
            Boolean decided = decisions.get(loader);
            if (decided != null) {
                return decided;
            }
        }
        // Decided outside the lock: preparing may load a class through the loader, whose own lock another thread
        // may hold while it waits here to instrument a class of its own. Two threads may both decide; the first wins.
        boolean decided = decide(loader);
        synchronized (decisions) {
            return decisions.computeIfAbsent(loader, l -> decided);
        }
    }

    private boolean decide(ClassLoader loader) {
        if (!sees(loader, stack.presenceClass())) {
            return false;
        }
        for (String landmark : stack.landmarkClasses()) {
            if (!sees(loader, landmark)) {
                if (unsupportedLogged.compareAndSet(false, true)) {
                    AgentLog.info(stack.name() + ": unsupported version (no " + landmark + "; supported: "
                            + stack.supportedVersions() + "); " + stack.name() + " is not instrumented");
                }
                return false;
            }
        }
        return prepare.test(loader);
    }

    private static boolean sees(ClassLoader loader, String className) {
        return loader.getResource(className.replace('.', '/') + ".class") != null;
    }
}
