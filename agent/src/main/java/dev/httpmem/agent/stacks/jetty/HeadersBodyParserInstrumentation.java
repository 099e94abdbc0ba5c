package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Parsing a HEADERS frame (and its CONTINUATIONs): HPACK decoding, then the stream the session creates for the
 * request, which opens the exchange ({@link Http2SessionInstrumentation}) and takes the decoding with it.
 */
final class HeadersBodyParserInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("org.eclipse.jetty.http2.parser.HeadersBodyParser",
                "org.eclipse.jetty.http2.parser.ContinuationBodyParser");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("parse").and(takesArguments(1)), PendingExchangeAdvice.class));
    }
}
