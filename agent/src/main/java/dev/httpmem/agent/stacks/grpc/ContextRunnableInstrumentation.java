package dev.httpmem.agent.stacks.grpc;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Handoffs;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code io.grpc.internal.ContextRunnable}, the base of every task gRPC hands from the transport to a call's
 * executor (the method lookup, the call's start, messages, half-close, cancellation), each carrying the call's
 * context. The first, made inside the stream's slice as its HEADERS are read, makes the context the alias of the
 * stream's exchange; every task of the call then runs as a slice of that exchange, wherever it was made (gRPC
 * deframes messages in a task of its own on the event loop, outside the DATA frame's slice).
 */
final class ContextRunnableInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.grpc.internal.ContextRunnable");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(isConstructor(), MadeAdvice.class),
                new AdviceBinding(named("run").and(takesArguments(0)), RunAdvice.class));
    }

    static final class MadeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("context") Object context) {
            Handoffs.alias(context);
        }
    }

    static final class RunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("context") Object context) {
            return Handoffs.enter(context);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
