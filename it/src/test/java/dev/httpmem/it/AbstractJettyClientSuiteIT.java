package dev.httpmem.it;

import java.util.List;

/** Jetty 12's {@code HttpClient} on its dynamic transport: HTTP/1.1, then h2c by prior knowledge. */
abstract class AbstractJettyClientSuiteIT extends AbstractClientSuiteIT {
    AbstractJettyClientSuiteIT(Jdk jdk) {
        super(jdk, "jetty-client", List.of("--client", "jetty"), "", UpgradeOffers.NEVER, false);
    }
}
