package dev.httpmem.examples.jetty94;

import dev.httpmem.examples.common.Allocations;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.ExampleServerOptions;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Jetty 9.4, outside httpmem's supported range: the agent must leave Jetty alone with one log line, and the server
 * must answer as it would without the agent. HTTP/1.1 only; {@code GET /body?size=N} from a Jetty handler, and
 * {@code GET /alloc/N} from a {@code javax.servlet} servlet, which the servlet fallback measures.
 */
public final class Jetty94ExampleServer {
    private Jetty94ExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("jetty", args);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);
        AbstractHandler bodies = new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                if (target.equals("/body")) {
                    byte[] body = Bodies.json(Bodies.sizeParameter(request.getQueryString()));
                    response.setContentType("application/json");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                    base.setHandled(true);
                }
            }
        };
        ServletContextHandler servlets = new ServletContextHandler();
        servlets.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                try {
                    Allocations.allocate(Allocations.parsePath(request.getRequestURI()));
                } catch (IllegalArgumentException e) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
                    return;
                }
                response.setContentType("text/plain");
                response.getWriter().write("ok\n");
            }
        }), "/alloc/*");
        server.setHandler(new HandlerList(bodies, servlets));
        server.setStopAtShutdown(true);
        server.start();
        System.out.println(ExampleServerOptions.readyLine("jetty", connector.getLocalPort(), 0));
        System.out.flush();
        server.join();
    }
}
