package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 connection's reads on its I/O thread: work for the connection, inside which parsing a request is
 * that request's handling from its first byte (the exchange opened once the headers are parsed adopts it).
 */
final class HttpReadListenerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.http.HttpReadListener");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("handleEvent").and(takesArguments(1)), ReadAdvice.class),
                new AdviceBinding(named("handleEventWithNoRunningRequest").and(takesArguments(1)),
                        PendingExchangeAdvice.class));
    }

    static final class ReadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("connection") Object connection) {
            return Slices.enterConnection(connection);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
