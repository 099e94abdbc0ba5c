package dev.httpmem.it;

import java.util.List;

/**
 * The JDK's {@code java.net.http.HttpClient}, opted into with {@code stacks=jdkclient}: HTTP/1.1, then HTTP/2 by
 * h2c Upgrade, the only h2c it speaks (each new connection's first request offers it; the requests after it are
 * streams of the connections that took it).
 */
abstract class AbstractJdkHttpClientSuiteIT extends AbstractClientSuiteIT {
    AbstractJdkHttpClientSuiteIT(Jdk jdk) {
        super(jdk, "jdk-client", List.of("--client", "jdk"), "jdkclient", UpgradeOffers.WHILE_NO_H2C_CONNECTION, false);
    }

    /** The allocating run's HTTP/2 phase, four requests at a time: the JDK's HTTP/2 without TLS is by Upgrade. */
    @Override
    String upgradingRun() {
        return ALLOCATING;
    }

    @Override
    int upgradingRequests() {
        return ALLOC_REQUESTS;
    }
}
