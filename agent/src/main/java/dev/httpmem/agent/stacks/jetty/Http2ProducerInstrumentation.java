package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.http2.HTTP2Connection;

/**
 * The HTTP/2 producer parsing a connection's frames into tasks: its execution strategy may run it on a thread of
 * its own, outside the connection's {@code onFillable}. Work for the connection, as
 * {@link ConnectionFillableInstrumentation}'s.
 */
final class Http2ProducerInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http2.HTTP2Connection$HTTP2Producer");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("produce").and(takesArguments(0)), ProduceAdvice.class));
    }

    static final class ProduceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("this$0") HTTP2Connection connection) {
            return Slices.enterConnection(connection.getEndPoint());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
