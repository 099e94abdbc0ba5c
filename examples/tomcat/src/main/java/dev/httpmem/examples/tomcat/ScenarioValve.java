package dev.httpmem.examples.tomcat;

import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ScenarioHooks;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.AbstractProcessor;

/**
 * The scenario hook on the engine's pipeline, which Tomcat runs for every request before any servlet: it hands
 * the hook the request's connection, the socket wrapper its processor serves (which Tomcat keeps to itself).
 */
final class ScenarioValve extends ValveBase {
    private static final MethodHandle HOOK;
    private static final MethodHandle SOCKET_WRAPPER;

    static {
        try {
            HOOK = MethodHandles.privateLookupIn(org.apache.coyote.Request.class, MethodHandles.lookup())
                    .findGetter(org.apache.coyote.Request.class, "hook", org.apache.coyote.ActionHook.class);
            SOCKET_WRAPPER = MethodHandles.privateLookupIn(AbstractProcessor.class, MethodHandles.lookup())
                    .findVirtual(AbstractProcessor.class, "getSocketWrapper",
                            java.lang.invoke.MethodType.methodType(org.apache.tomcat.util.net.SocketWrapperBase.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ScenarioHooks hooks;

    ScenarioValve(ScenarioHooks hooks) {
        super(true);
        this.hooks = hooks;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        hooks.requestHeaders(connection(request), "HTTP/2.0".equals(request.getProtocol()),
                request.getHeader(ConnectionStates.FAIL_HEADER));
        getNext().invoke(request, response);
    }

    private static Object connection(Request request) {
        try {
            Object processor = HOOK.invoke(request.getCoyoteRequest());
            return processor instanceof AbstractProcessor ? SOCKET_WRAPPER.invoke(processor) : request;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot reach the connection of " + request.getRequestURI(), e);
        }
    }
}
