package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Parsing HTTP/1.1: the request line opens the exchange ({@link HttpStreamOverHttp1Instrumentation}), which takes
 * the parsing of its line and headers with it.
 */
final class HttpParserInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.http.HttpParser");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("parseNext").and(takesArguments(1)), PendingExchangeAdvice.class));
    }
}
