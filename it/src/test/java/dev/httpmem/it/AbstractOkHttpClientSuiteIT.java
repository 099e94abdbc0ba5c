package dev.httpmem.it;

import java.util.List;

/** OkHttp 5, asynchronous calls (the callback reads each body): HTTP/1.1, then h2c by prior knowledge. */
abstract class AbstractOkHttpClientSuiteIT extends AbstractClientSuiteIT {
    AbstractOkHttpClientSuiteIT(Jdk jdk) {
        super(jdk, "okhttp", List.of("--client", "okhttp"), "");
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
