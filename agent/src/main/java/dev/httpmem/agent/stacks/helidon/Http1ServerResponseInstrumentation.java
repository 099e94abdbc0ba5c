package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.helidon.http.Status;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 response: {@code send(byte[], int, int)} writes status line, headers and the whole body at once (the
 * other {@code send} methods come here), and every response's status passes {@code nonEntityBytes}, the one place
 * its status line is made. A body streamed through {@code outputStream()} is not counted in the response's bytes.
 */
final class Http1ServerResponseInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.webserver.http1.Http1ServerResponse");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("send").and(takesArguments(3)).and(takesArgument(0, byte[].class)), SendAdvice.class),
                new AdviceBinding(named("nonEntityBytes").and(isStatic()).and(takesArgument(1, named("io.helidon.http.Status"))),
                        StatusAdvice.class));
    }

    static final class SendAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(2) int length) {
            return Slices.enterBody(Slices.current(), length, true);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            Slices.exitWrite(slices, thrown);
        }
    }

    static final class StatusAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(1) Status status) {
            HelidonExchanges.status(status.code());
        }
    }
}
