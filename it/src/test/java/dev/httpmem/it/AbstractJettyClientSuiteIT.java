package dev.httpmem.it;

import java.util.List;

/** Jetty 12's {@code HttpClient} on its dynamic transport: HTTP/1.1, then h2c by prior knowledge. */
abstract class AbstractJettyClientSuiteIT extends AbstractClientSuiteIT {
    AbstractJettyClientSuiteIT(Jdk jdk) {
        super(jdk, "jetty-client", List.of("--client", "jetty"), "");
    }

    /**
     * No leaky and clean runs: what they check (the fit, the retained site) is the client role's, which the JDK's
     * and Netty's clients check; this client's own figures (README, Client side) are from runs of this suite with
     * them.
     */
    @Override
    boolean fitsRetention() {
        return false;
    }

    @Override
    UpgradeOffers upgradeOffers() {
        return UpgradeOffers.NEVER;
    }
}
