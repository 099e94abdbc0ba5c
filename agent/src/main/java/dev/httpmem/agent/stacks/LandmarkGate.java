package dev.httpmem.agent.stacks;

import dev.httpmem.agent.runtime.AgentLog;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lets a stack's advice into a class loader only when the loader sees every landmark class of a supported
 * version. Looks classes up as resources, so nothing is loaded or initialized early.
 */
public final class LandmarkGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final StackInstrumentation stack;
    private final Map<ClassLoader, Boolean> decisions = new WeakHashMap<>();
    private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

    public LandmarkGate(StackInstrumentation stack) {
        this.stack = stack;
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        synchronized (decisions) {
            return decisions.computeIfAbsent(loader, this::decide);
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
        return true;
    }

    private static boolean sees(ClassLoader loader, String className) {
        return loader.getResource(className.replace('.', '/') + ".class") != null;
    }
}
