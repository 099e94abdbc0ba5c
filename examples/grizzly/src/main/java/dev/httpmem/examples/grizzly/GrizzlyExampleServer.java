package dev.httpmem.examples.grizzly;

import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http2.Http2AddOn;
import org.glassfish.grizzly.http2.Http2Configuration;
import org.glassfish.grizzly.ssl.SSLContextConfigurator;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

/**
 * Grizzly 4 (GlassFish's and Jersey's test container's server): HTTP/1.1 and h2c (Upgrade and prior knowledge) on
 * one listener, h2 or HTTP/1.1 over TLS (ALPN) on another, the handler on Grizzly's worker threads.
 */
public final class GrizzlyExampleServer {
    private static final String LOOPBACK = "127.0.0.1";

    private GrizzlyExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("grizzly", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "grizzly", EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.BURST));
        HttpServer server = new HttpServer();
        int idleSeconds = (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(options.idleTimeoutMillis()));

        NetworkListener plain = new NetworkListener("plain", LOOPBACK, options.port());
        plain.registerAddOn(new Http2AddOn(Http2Configuration.builder().build()));
        plain.getKeepAlive().setIdleTimeoutInSeconds(idleSeconds);
        server.addListener(plain);

        SSLContextConfigurator ssl = new SSLContextConfigurator();
        ssl.setKeyStoreFile(SelfSignedKeyStore.create().toString());
        ssl.setKeyStorePass(SelfSignedKeyStore.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        NetworkListener tls = new NetworkListener("tls", LOOPBACK, options.tlsPort());
        tls.setSecure(true);
        tls.setSSLEngineConfig(new SSLEngineConfigurator(ssl.createSSLContext(true), false, false, false));
        tls.registerAddOn(new Http2AddOn(Http2Configuration.builder().build()));
        tls.getKeepAlive().setIdleTimeoutInSeconds(idleSeconds);
        server.addListener(tls);

        server.getServerConfiguration().addHttpHandler(new ExampleHandler(hooks), "/");
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "grizzly-stop"));
        System.out.println(ExampleServerOptions.readyLine("grizzly", plain.getPort(), tls.getPort()));
        System.out.flush();
        Thread.currentThread().join();
    }
}
