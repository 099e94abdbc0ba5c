package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A response body of unknown length, chunked (HTTP/1.1) or ended by the connection's close (HTTP/1.0): each
 * write is a body write; the first close, which writes the last chunk, is the last.
 */
final class StreamedOutputStreamInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.ChunkedOutputStream").or(named("sun.net.httpserver.UndefLengthOutputStream"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("write").and(takesArguments(3)), WriteBytesAdvice.class),
                new AdviceBinding(named("write").and(takesArguments(1)), WriteByteAdvice.class),
                new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    static final class WriteBytesAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("t") Object exchange, @Advice.Argument(2) int length) {
            return Slices.enterBody(exchange, null, 0, length, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }

    static final class WriteByteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("t") Object exchange) {
            return Slices.enterBody(exchange, null, 0, 1, false);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("t") Object exchange, @Advice.FieldValue("closed") boolean closed) {
            return closed ? null : Slices.enterBody(exchange, null, 0, 0, true);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }
}
