package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One request as the application sent it, across its attempts (the client's {@code Exchange}, not httpmem's):
 * finding or opening a connection and creating the attempt's exchange object, whose opening adopts that work. A
 * plain {@code http:} request of an HTTP/2 client without an h2c connection to its server offers an Upgrade,
 * right after its HTTP/1.1 exchange is created, inside that work.
 */
final class ExchangeInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Exchange");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("responseAsyncImpl").and(takesArguments(1)), PendingExchangeAdvice.class),
                new AdviceBinding(named("h2Upgrade").and(takesArguments(0)), H2UpgradeAdvice.class));
    }

    static final class H2UpgradeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            // The HTTP/1.1 exchange just created adopted the work around this call; a server's exchange whose
            // handler sends the request may be current if it did not.
            Exchange offering = Slices.current();
            if (offering != null && offering.role() == Role.CLIENT && Exchange.HTTP_1_1.equals(offering.protocol())) {
                offering.upgradeOffered();
            }
        }
    }
}
