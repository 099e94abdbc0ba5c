package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.PendingExchangeAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Opens an HTTP/1.1 exchange once a request's headers are parsed and prepared, just before the adapter runs it;
 * the processor's service call around it, parsing the request line and headers, is the exchange's handling. An
 * h2c Upgrade request never gets here: its HTTP/2 stream 1 is the exchange.
 */
final class Http11ProcessorInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.coyote.http11.Http11Processor");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("service").and(takesArguments(1)), PendingExchangeAdvice.class),
                new AdviceBinding(named("prepareRequest").and(takesArguments(0)), PrepareRequestAdvice.class));
    }

    static final class PrepareRequestAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        @SuppressWarnings("deprecation") // Request.method(): Tomcat 11 deprecates it, 10.1 has nothing else
        static void exit(@Advice.FieldValue("request") Request request,
                         @Advice.FieldValue("socketWrapper") SocketWrapperBase<?> socketWrapper) {
            Slices.adopt(Http1Connections.open(socketWrapper, request, TomcatInstrumentation.STACK, Role.SERVER,
                    request.method().toString(), request.requestURI().toString()));
        }
    }
}
