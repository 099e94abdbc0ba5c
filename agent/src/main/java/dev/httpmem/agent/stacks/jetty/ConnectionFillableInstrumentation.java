package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * A connection's reads: filling, decrypting and parsing what arrived, and the HTTP/2 producer's frames, are work
 * for the connection, keyed as its exchanges are (a TLS connection by its decrypted endpoint). The exchanges'
 * slices entered while parsing (a request handled in place) take their own bytes. The HTTP/2 producer may parse
 * on another thread: {@link Http2ProducerInstrumentation}.
 */
final class ConnectionFillableInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("org.eclipse.jetty.server.internal.HttpConnection", "org.eclipse.jetty.http2.HTTP2Connection",
                "org.eclipse.jetty.io.ssl.SslConnection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("onFillable").and(takesArguments(0)), ConnectionWorkAdvice.class));
    }

    static final class ConnectionWorkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.This AbstractConnection connection) {
            return Slices.enterConnection(connection instanceof SslConnection sslConnection
                    ? sslConnection.getSslEndPoint() : connection.getEndPoint());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
