package dev.httpmem.agent.stacks.grizzly;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An I/O event of a connection on its selector thread, which runs the whole filter chain for it (TLS, the HTTP
 * codec, HTTP/2 frames, and the service where Grizzly runs it inline): work for the connection, inside which its
 * exchanges' slices take their own bytes.
 */
final class TcpTransportInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.glassfish.grizzly.nio.transport.TCPNIOTransport");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("fireIOEvent").and(takesArguments(3)), IoEventAdvice.class));
    }

    static final class IoEventAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(1) Object connection) {
            return Slices.enterConnection(connection);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
