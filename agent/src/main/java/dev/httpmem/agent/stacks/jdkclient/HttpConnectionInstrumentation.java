package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 connection's close (the server's or an error's, a pool's expiry, the client's shutdown): the
 * request it was serving, if its response was not read whole, ends as closed. TLS and proxy connections wrap a
 * plain one; each closes its own object, which is the one its exchanges were opened on.
 */
final class HttpConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.PlainHttpConnection").or(named("jdk.internal.net.http.AsyncSSLConnection"))
                .or(named("jdk.internal.net.http.AsyncSSLTunnelConnection"))
                .or(named("jdk.internal.net.http.PlainTunnelingConnection"));
    }

    @Override
    public List<AdviceBinding> advice() {
        // JDK 25 closes through close(Throwable) as well.
        return List.of(new AdviceBinding(named("close").and(takesArguments(0).or(takesArguments(1))), CloseAdvice.class));
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object connection) {
            Connections.closed(connection);
        }
    }
}
