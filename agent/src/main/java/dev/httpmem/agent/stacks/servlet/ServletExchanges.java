package dev.httpmem.agent.stacks.servlet;

import dev.httpmem.agent.runtime.Connection;
import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;

/** What the servlet advice does, out of the servlet's byte code: one exchange per request, keyed by the request. */
public final class ServletExchanges {
    private static final Connection UNKNOWN = Connections.unknown(ServletInstrumentation.STACK);
    /** What {@code getProtocol()} says of an HTTP/2 request (Servlet 4.0 and later). */
    private static final String HTTP_2_0 = "HTTP/2.0";

    private ServletExchanges() {}

    /** Opens the request's exchange and enters its handle slice: the servlet's work. */
    public static Slices enter(Object request, String protocol, String method, String path) {
        Exchange exchange = Exchanges.open(request, ServletInstrumentation.STACK, Role.SERVER,
                HTTP_2_0.equals(protocol) ? Exchange.HTTP_2 : Exchange.HTTP_1_1, UNKNOWN, 0, method, path);
        return Slices.enter(exchange, SliceKind.HANDLE);
    }

    /** The servlet returned, or threw {@code thrown}: its exchange ends with {@code status}. */
    public static void exit(Slices slices, Object request, int status, Throwable thrown) {
        Exchange exchange = Slices.current();
        if (exchange != null) {
            exchange.status(status);
            exchange.failed(thrown);
        }
        Slices.exit(slices);
        Exchanges.end(request, Outcome.COMPLETED);
    }
}
