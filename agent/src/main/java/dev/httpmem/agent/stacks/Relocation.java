package dev.httpmem.agent.stacks;

/**
 * Where an application has a stack's classes when not under the packages its instrumentation names: a shaded copy
 * (gRPC's {@code io.grpc.netty.shaded.io.netty.}) or the same API under an older name ({@code javax.servlet.} for
 * {@code jakarta.servlet.}). The instrumentation is written once against the stack's own names; its matchers take
 * names through {@link #name} and its advice is renamed the same way before it is woven in.
 *
 * @param from the package prefix the instrumentation is written against, with its trailing dot
 * @param to the prefix the application has instead, with its trailing dot
 */
public record Relocation(String from, String to) {
    /** The stack's classes where its instrumentation names them. */
    public static final Relocation NONE = new Relocation("", "");

    public Relocation {
        if ((!from.isEmpty() && !from.endsWith(".")) || (!to.isEmpty() && !to.endsWith("."))) {
            throw new IllegalArgumentException("package prefixes end with a dot: " + from + ", " + to);
        }
    }

    public boolean isNone() {
        return from.equals(to);
    }

    /** A class's name as the application has it. */
    public String name(String className) {
        return !isNone() && className.startsWith(from) ? to + className.substring(from.length()) : className;
    }
}
