package dev.httpmem.agent.stacks;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The advice applied to one class of a stack. */
public interface TypeInstrumentation {
    ElementMatcher<TypeDescription> typeMatcher();

    List<AdviceBinding> advice();

    /**
     * Whether the class it instruments belongs to a library on top of the stack (Vert.x on Netty), which an
     * application of the stack may not have.
     */
    default boolean optional() {
        return false;
    }

    /**
     * Advice class {@code advice} (nested static methods that only call the runtime) on {@code methods}, woven in
     * with the stack's classes renamed by {@code relocation}.
     */
    record AdviceBinding(ElementMatcher<? super MethodDescription> methods, Class<?> advice, Relocation relocation) {
        public AdviceBinding(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
            this(methods, advice, Relocation.NONE);
        }
    }
}
