package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.client.transport.HttpChannel;

/**
 * An HTTP/1.1 connection of the client: what it reads is parsed and handed to the listeners of the exchange its
 * channel carries (a slice of that exchange; of the connection when it carries none), and its close ends that
 * exchange if still open.
 */
final class HttpConnectionOverHttpInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.client.transport.internal.HttpConnectionOverHTTP");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("onFillable").and(takesArguments(0)), FillableAdvice.class),
                new AdviceBinding(named("close").and(takesArguments(1)), CloseAdvice.class));
    }

    static final class FillableAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This Object connection, @Advice.FieldValue("channel") HttpChannel channel) {
            Slices slices = Slices.enterExchangeOf(channel.getHttpExchange(), SliceKind.HANDLE);
            return slices != null ? slices : Slices.enterConnection(connection);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
