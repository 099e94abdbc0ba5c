package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.helidon.http.HttpPrologue;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Http1Connection.route}, which creates, routes and answers one HTTP/1.1 request on the connection's thread:
 * the whole exchange. It takes the request line and headers (4.3 added the concurrency limit's outcome).
 */
final class Http1ConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.webserver.http1.Http1Connection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("route").and(takesArgument(0, named("io.helidon.http.HttpPrologue"))),
                RouteAdvice.class));
    }

    static final class RouteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("ctx") Object connection, @Advice.Argument(0) HttpPrologue prologue) {
            return HelidonExchanges.routing(connection, prologue, prologue.method().text(), prologue.uriPath().rawPath());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(0) HttpPrologue prologue, @Advice.Thrown Throwable thrown) {
            HelidonExchanges.routed(slices, prologue, thrown);
        }
    }
}
