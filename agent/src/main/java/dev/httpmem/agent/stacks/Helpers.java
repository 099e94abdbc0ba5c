package dev.httpmem.agent.stacks;

import java.util.List;

/**
 * Classes of the agent typed against a stack, which its advice calls (OpenTelemetry's helper classes): code several
 * advice share, written once. Advice is inlined into the stack's classes and resolves what it calls through their
 * class loader, which may not see the agent's classes (a web application's loader, Spring Boot's nested jars), so
 * the helpers are defined in each loader the stack is instrumented in, beside {@code anchor}: they are kept in a
 * package of their own, renamed to the anchor's ({@link #relocation}), and the advice that calls them is renamed
 * alike. A helper is one class, without nested, anonymous or lambda classes, that calls only the stack, the JDK and
 * the runtime.
 *
 * @param stackRelocation where the application has the stack's classes ({@link Relocation#NONE}: under their names)
 * @param anchor          a class of the stack, by its own name, that loads without loading any class the stack's
 *                        advice instruments (an interface or a value class, say): it is loaded while a class of the
 *                        stack is being instrumented, and a class loaded then would go uninstrumented
 * @param classes         the helper classes, all in one package that holds nothing else
 */
public record Helpers(Relocation stackRelocation, String anchor, List<Class<?>> classes) {
    /** No helpers: the stack's advice calls only the runtime. */
    public static final Helpers NONE = new Helpers(Relocation.NONE, "", List.of());

    public Helpers {
        classes = List.copyOf(classes);
        if (classes.stream().map(Class::getPackageName).distinct().count() > 1) {
            throw new IllegalArgumentException("helpers in more than one package: " + classes);
        }
    }

    public boolean isNone() {
        return classes.isEmpty();
    }

    /** The anchor where the application has it. */
    public String applicationAnchor() {
        return stackRelocation.name(anchor);
    }

    /** From the helpers' package to the anchor's, where the application has it. */
    public Relocation relocation() {
        if (isNone()) {
            return Relocation.NONE;
        }
        String anchorPackage = applicationAnchor().substring(0, applicationAnchor().lastIndexOf('.') + 1);
        return new Relocation(classes.get(0).getPackageName() + ".", anchorPackage);
    }
}
