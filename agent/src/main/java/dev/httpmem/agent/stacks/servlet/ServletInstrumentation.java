package dev.httpmem.agent.stacks.servlet;

import dev.httpmem.agent.stacks.Relocation;
import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.StackPackages;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * The fallback for servlet containers httpmem does not know (Undertow's servlets in WildFly, GlassFish, Payara,
 * Liberty, Jetty 9.4, ...): an exchange per request that reaches {@code HttpServlet}, from the servlet's
 * start to its return, with what the servlet allocates. It sees neither the connection nor the bytes on the wire:
 * reading the request, filters, writes the container makes after the servlet returns and HTTP/2 frames are not
 * counted, and an async servlet's exchange ends when {@code service} returns. A container httpmem instruments
 * (Jetty, Tomcat) measures its requests itself, and the fallback then stays out. Written against Jakarta Servlet,
 * it is woven into {@code javax.servlet} containers renamed.
 */
public final class ServletInstrumentation implements StackInstrumentation {
    static final String STACK = "servlet";

    /** The servlet API under its name since 5.0, which the instrumentation is written against. */
    public static final StackPackages JAKARTA = new StackPackages(Relocation.NONE, "Jakarta Servlet 5.0 to 6.1");
    /** The servlet API under its name until 4.0. */
    public static final StackPackages JAVAX = new StackPackages(
            new Relocation("jakarta.servlet.", "javax.servlet."), "Java Servlet 3.0 to 4.0");

    private final StackPackages api;

    public ServletInstrumentation(StackPackages api) {
        this.api = api;
    }

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return api.relocation().name("jakarta.servlet.http.HttpServlet");
    }

    @Override
    public List<String> landmarkClasses() {
        // Servlet 3.0 (the response's getStatus) has it, and every release since under both names; javax.servlet ended
        // with 4.0 and Jakarta Servlet 5.0 began with the rename.
        return List.of(api.relocation().name("jakarta.servlet.AsyncContext"), api.relocation().name("jakarta.servlet.http.HttpServletRequest"));
    }

    @Override
    public String supportedVersions() {
        return api.supportedVersions();
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpServletInstrumentation(api.relocation()));
    }
}
