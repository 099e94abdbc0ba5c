package dev.httpmem.examples.jdkhttp;

import com.sun.net.httpserver.HttpServer;
import dev.httpmem.examples.common.ExampleServerOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's own HTTP server ({@code com.sun.net.httpserver}), HTTP/1.1 only: it speaks no HTTP/2, so it serves no
 * TLS port either (its ready line says {@code https=0}) and ignores {@code --tls-port}.
 */
public final class JdkHttpExampleServer {
    private JdkHttpExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("jdkhttp", args);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(8);
        server.setExecutor(handlers);
        server.createContext("/", new ExampleHandler());
        server.start();
        System.out.println(ExampleServerOptions.readyLine("jdkhttp", server.getAddress().getPort(), 0));
        System.out.flush();
    }
}
