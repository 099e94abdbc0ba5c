package dev.httpmem.examples.undertow;

import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.EnumSet;
import javax.net.ssl.SSLContext;

/**
 * Undertow (its core handler API, as WildFly, Quarkus classic and Spring Boot's Undertow option run it) with
 * HTTP/1.1 and h2c (Upgrade and prior knowledge) on one port, and h2 or HTTP/1.1 over TLS (ALPN) on another.
 * Builds unchanged against Undertow 2.3 and 2.4.
 */
public final class UndertowExampleServer {
    private static final String LOOPBACK = "127.0.0.1";

    private UndertowExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("undertow", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "undertow", EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.BURST));
        Undertow server = Undertow.builder()
                .setIoThreads(2)
                .setWorkerThreads(16)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) options.idleTimeoutMillis())
                .addHttpListener(options.port(), LOOPBACK)
                .addHttpsListener(options.tlsPort(), LOOPBACK, sslContext())
                .setHandler(new ExampleHandler(hooks))
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "undertow-stop"));
        int port = 0;
        int tlsPort = 0;
        for (Undertow.ListenerInfo listener : server.getListenerInfo()) {
            int bound = ((InetSocketAddress) listener.getAddress()).getPort();
            if (listener.getProtcol().equals("https")) {
                tlsPort = bound;
            } else {
                port = bound;
            }
        }
        System.out.println(ExampleServerOptions.readyLine("undertow", port, tlsPort));
        System.out.flush();
    }

    private static SSLContext sslContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(SelfSignedKeyStore.keyManagers().getKeyManagers(), null, null);
        return context;
    }
}
