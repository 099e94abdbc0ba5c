package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A connection's close, the one every endpoint (plain, TLS-decrypted) reaches once. */
final class EndPointInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.io.AbstractEndPoint");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("onClose").and(takesArguments(1)), OnCloseAdvice.class));
    }

    static final class OnCloseAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object endPoint) {
            Connections.closed(endPoint);
        }
    }
}
