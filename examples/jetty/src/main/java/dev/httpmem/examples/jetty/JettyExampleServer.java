package dev.httpmem.examples.jetty;

import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 with HTTP/1.1 and h2c (prior knowledge and Upgrade) on one port, and h2 or HTTP/1.1 over TLS (ALPN)
 * on another; a request customizer, which Jetty runs for every request before any handler, is the scenario hook.
 * Builds unchanged against Jetty 12.0 and 12.1.
 */
public final class JettyExampleServer {
    private JettyExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("jetty", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "jetty", EnumSet.complementOf(EnumSet.of(Scenario.NONE)));
        Server server = new Server(new QueuedThreadPool(64, 8));

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.addCustomizer((request, responseHeaders) -> {
            hooks.requestHeaders(request.getConnectionMetaData().getConnection(),
                    request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2,
                    request.getHeaders().get(ConnectionStates.FAIL_HEADER));
            return request;
        });
        ServerConnector plain = new ServerConnector(server,
                new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        plain.setHost("127.0.0.1");
        plain.setPort(options.port());
        plain.setIdleTimeout(options.idleTimeoutMillis());
        server.addConnector(plain);

        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol("http/1.1");
        ServerConnector tls = new ServerConnector(server,
                new SslConnectionFactory(sslContext(), alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(https), new HttpConnectionFactory(https));
        tls.setHost("127.0.0.1");
        tls.setPort(options.tlsPort());
        tls.setIdleTimeout(options.idleTimeoutMillis());
        server.addConnector(tls);

        server.setHandler(new ExampleHandler(options, hooks));
        server.setStopAtShutdown(true);
        server.start();
        System.out.println(ExampleServerOptions.readyLine("jetty", plain.getLocalPort(), tls.getLocalPort()));
        System.out.flush();
        server.join();
    }

    private static SslContextFactory.Server sslContext() throws Exception {
        Path keyStore = SelfSignedKeyStore.create();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(SelfSignedKeyStore.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }
}
