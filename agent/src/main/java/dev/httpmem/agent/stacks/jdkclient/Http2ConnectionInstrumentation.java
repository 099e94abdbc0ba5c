package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/2 connection, which keys its streams' exchanges' connection: each frame it processes is its work, its
 * stream's within; it lets go of a stream (every ending passes here, the normal one once both sides ended the
 * stream) and resets one (a cancel, a redirect's unread body), and ends as it shuts down or is closed.
 */
final class Http2ConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http2Connection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("processFrame").and(takesArguments(1)), ProcessFrameAdvice.class),
                new AdviceBinding(named("closeStream").and(takesArguments(1)), CloseStreamAdvice.class),
                new AdviceBinding(named("resetStream").and(takesArguments(2)), ResetStreamAdvice.class),
                new AdviceBinding(named("shutdown").and(takesArguments(1)).or(named("close").and(takesArguments(0))),
                        ShutdownAdvice.class));
    }

    static final class ProcessFrameAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object connection) {
            return Slices.enterConnection(connection);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    /** The stream is let go of: complete if its response's end was read, closed otherwise. */
    static final class CloseStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("streams") Map<?, ?> streams, @Advice.Argument(0) int streamId) {
            Object stream = streams.get(streamId);
            if (stream != null) {
                Exchanges.end(stream, Outcome.CLOSED);
            }
        }
    }

    /** The client resets the stream: after a response read whole (a redirect's) it is complete all the same. */
    static final class ResetStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("streams") Map<?, ?> streams, @Advice.Argument(0) int streamId) {
            Object stream = streams.get(streamId);
            if (stream != null) {
                Exchanges.end(stream, Outcome.RESET);
            }
        }
    }

    static final class ShutdownAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
