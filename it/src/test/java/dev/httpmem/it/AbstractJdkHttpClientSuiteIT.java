package dev.httpmem.it;

import java.util.List;

/**
 * The JDK's {@code java.net.http.HttpClient}, opted into with {@code stacks=jdkclient}: HTTP/1.1, then HTTP/2 by
 * h2c Upgrade, the only h2c it speaks (each new connection's first request offers it; the requests after it are
 * streams of the connections that took it).
 */
abstract class AbstractJdkHttpClientSuiteIT extends AbstractClientSuiteIT {
    AbstractJdkHttpClientSuiteIT(Jdk jdk) {
        super(jdk, "jdk-client", List.of("--client", "jdk"), "jdkclient");
    }

    /**
     * One request at a time: the JDK's client reads a response into heap buffers (Netty's into pooled direct ones),
     * so each one in flight at a forced GC adds up to 180 KiB to that GC's heap. With four, the clean twin's
     * intervals were ±80..100 B/exchange over 5,000 exchanges; with one, HTTP/1.1's was 2..17. The runs that check
     * attribution (the known allocation, the refused Upgrades) keep the driver's four at a time.
     */
    @Override
    List<String> retentionRunArgs() {
        return List.of("--concurrency", "1");
    }

    /**
     * Twice the GCs: now and then a GC finds a second of the client's 256 KiB read buffers live (the driver's
     * {@code jdk.httpclient.bufsize}), and beside a busy loop three such points in a phase of 20 moved the clean
     * twin's HTTP/1.1 estimate to 41 B/exchange (95% CI -12..94).
     */
    @Override
    int gcEvery() {
        return 125;
    }

    @Override
    UpgradeOffers upgradeOffers() {
        return UpgradeOffers.WHILE_NO_H2C_CONNECTION;
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
