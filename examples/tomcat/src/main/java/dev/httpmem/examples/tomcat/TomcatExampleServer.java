package dev.httpmem.examples.tomcat;

import dev.httpmem.examples.common.ExampleServerOptions;
import dev.httpmem.examples.common.Scenario;
import dev.httpmem.examples.common.ScenarioHooks;
import dev.httpmem.examples.common.SelfSignedKeyStore;
import dev.httpmem.examples.common.TemporaryFolder;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Embedded Tomcat with one servlet: HTTP/1.1 and h2c (Upgrade and prior knowledge) on one NIO connector, and h2
 * or HTTP/1.1 over TLS (ALPN) on another; the engine's pipeline runs the scenario hook. Builds unchanged against
 * Tomcat 10.1 and 11.
 */
public final class TomcatExampleServer {
    private TomcatExampleServer() {}

    public static void main(String[] args) throws Exception {
        ExampleServerOptions options = ExampleServerOptions.parseOrExit("tomcat", args);
        ScenarioHooks hooks = ScenarioHooks.of(options, "tomcat",
                EnumSet.of(Scenario.H2_BODY_RETENTION, Scenario.CONNECTION_LEAK, Scenario.BURST, Scenario.H2_OFFHEAP_GROWTH));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(TemporaryFolder.createRemovedAtExit("httpmem-tomcat").toString());
        // No shutdown port: the server stops on SIGTERM like every example.
        tomcat.getServer().setPort(-1);

        Connector plain = connector(options.port());
        tomcat.getService().addConnector(plain);
        tomcat.setConnector(plain);
        Connector tls = connector(options.tlsPort());
        tls.setSecure(true);
        tls.setScheme("https");
        tls.setProperty("SSLEnabled", "true");
        tls.addSslHostConfig(sslHostConfig(SelfSignedKeyStore.create()));
        tomcat.getService().addConnector(tls);

        tomcat.getEngine().getPipeline().addValve(new ScenarioValve(hooks));
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "example", new ExampleServlet(hooks)).setAsyncSupported(true);
        addMapping(context);

        tomcat.start();
        System.out.println(ExampleServerOptions.readyLine("tomcat", plain.getLocalPort(), tls.getLocalPort()));
        System.out.flush();
        tomcat.getServer().await();
    }

    private static Connector connector(int port) {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(port);
        connector.addUpgradeProtocol(new Http2Protocol());
        return connector;
    }

    private static SSLHostConfig sslHostConfig(Path keyStore) {
        SSLHostConfig config = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keyStore.toString());
        certificate.setCertificateKeystorePassword(SelfSignedKeyStore.PASSWORD);
        certificate.setCertificateKeystoreType("PKCS12");
        config.addCertificate(certificate);
        return config;
    }

    @SuppressWarnings("deprecation") // Tomcat 11 deprecates it; 10.1, which the example is built against too, has no other
    private static void addMapping(Context context) {
        context.addServletMappingDecoded("/*", "example");
    }
}
