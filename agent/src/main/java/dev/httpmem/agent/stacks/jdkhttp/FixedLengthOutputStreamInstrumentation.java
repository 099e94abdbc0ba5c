package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A response body of known length: each write is a body write, the one that fills the length the last. */
final class FixedLengthOutputStreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.FixedLengthOutputStream");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("write").and(takesArguments(3)), WriteBytesAdvice.class),
                new AdviceBinding(named("write").and(takesArguments(1)), WriteByteAdvice.class));
    }

    static final class WriteBytesAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("t") Object exchange, @Advice.FieldValue("remaining") long remaining,
                            @Advice.Argument(2) int length) {
            return Slices.enterBody(exchange, null, 0, length, length > 0 && length == remaining);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }

    static final class WriteByteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("t") Object exchange, @Advice.FieldValue("remaining") long remaining) {
            return Slices.enterBody(exchange, null, 0, 1, remaining == 1);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }
}
