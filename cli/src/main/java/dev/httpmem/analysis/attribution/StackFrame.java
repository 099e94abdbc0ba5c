package dev.httpmem.analysis.attribution;

/**
 * One frame of a sample's stack: the method's class (in Java's spelling), its name, the line (0 where the JVM knows
 * none) and how the JVM ran it there.
 */
public record StackFrame(String className, String method, int line, Execution execution) {

    /** How the JVM ran a frame's method, as JFR records it; async-profiler colours and marks frames by it. */
    public enum Execution {
        INTERPRETED, C1_COMPILED, JIT_COMPILED, INLINED, NATIVE;

        /** The execution JFR names {@code frameType} ({@code jdk.types.FrameType}); JIT compiled where unknown. */
        public static Execution of(String frameType) {
            return switch (frameType == null ? "" : frameType) {
                case "Interpreted" -> INTERPRETED;
                case "C1 compiled" -> C1_COMPILED;
                case "Inlined" -> INLINED;
                case "Native" -> NATIVE;
                default -> JIT_COMPILED;
            };
        }
    }

    /** The class and method, as a stack trace names them: {@code java.lang.Thread.run}. */
    public String qualifiedMethod() {
        return className + "." + method;
    }
}
