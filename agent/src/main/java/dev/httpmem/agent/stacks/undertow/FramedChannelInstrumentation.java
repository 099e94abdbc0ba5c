package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A framed connection ({@code Http2Channel}): flushing what its streams queued, on its I/O thread, is work for the
 * connection, inside which each stream's frames are its exchange's; its close is the connection's.
 */
final class FramedChannelInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.framed.AbstractFramedChannel");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("flushSenders").and(takesArguments(0)), FlushAdvice.class),
                new AdviceBinding(named("close").and(takesArguments(0)), CloseAdvice.class));
    }

    static final class FlushAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object channel) {
            return Slices.enterConnection(channel);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class CloseAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object channel) {
            Connections.closed(channel);
        }
    }
}
