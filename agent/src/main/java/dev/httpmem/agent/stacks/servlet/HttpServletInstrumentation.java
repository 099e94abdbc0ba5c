package dev.httpmem.agent.stacks.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HttpServlet.service(ServletRequest, ServletResponse)}, which containers call for every request a servlet
 * gets: the exchange of a request no instrumented stack is measuring, opened and ended around it.
 */
final class HttpServletInstrumentation implements TypeInstrumentation {
    private final Relocation relocation;

    HttpServletInstrumentation(Relocation relocation) {
        this.relocation = relocation;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(relocation.name("jakarta.servlet.http.HttpServlet"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("service").and(isPublic()).and(takesArguments(2))
                .and(takesArgument(0, named(relocation.name("jakarta.servlet.ServletRequest")))), ServiceAdvice.class, relocation));
    }

    static final class ServiceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) ServletRequest request) {
            if (!(request instanceof HttpServletRequest http) || Slices.current() != null) {
                return null;
            }
            return ServletExchanges.enter(request, http.getProtocol(), http.getMethod(), http.getRequestURI());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Argument(0) ServletRequest request,
                         @Advice.Argument(1) ServletResponse response, @Advice.Thrown Throwable thrown) {
            if (slices != null) {
                ServletExchanges.exit(slices, request,
                        response instanceof HttpServletResponse httpServletResponse ? httpServletResponse.getStatus() : 0, thrown);
            }
        }
    }
}
