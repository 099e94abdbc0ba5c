package dev.httpmem.agent.stacks.servlet;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * The fallback for servlet containers httpmem does not know (Undertow's servlets in WildFly, GlassFish, Payara,
 * Liberty, ...): an exchange per request that reaches {@code jakarta.servlet.http.HttpServlet}, from the servlet's
 * start to its return, with what the servlet allocates. It sees neither the connection nor the bytes on the wire:
 * reading the request, filters, writes the container makes after the servlet returns and HTTP/2 frames are not
 * counted, and an async servlet's exchange ends when {@code service} returns. A container httpmem instruments
 * (Jetty, Tomcat) measures its requests itself, and the fallback then stays out.
 */
public final class ServletInstrumentation implements StackInstrumentation {
    static final String STACK = "servlet";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "jakarta.servlet.http.HttpServlet";
    }

    @Override
    public List<String> landmarkClasses() {
        // Jakarta Servlet 5.0 (the package rename) has it; 6.1 too. The request methods the advice calls are 2.x's.
        return List.of("jakarta.servlet.AsyncContext", "jakarta.servlet.http.HttpServletRequest");
    }

    @Override
    public String supportedVersions() {
        return "Jakarta Servlet 5.0 to 6.1";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpServletInstrumentation());
    }
}
