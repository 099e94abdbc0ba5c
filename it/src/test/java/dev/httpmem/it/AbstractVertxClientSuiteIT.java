package dev.httpmem.it;

import java.util.List;

/** Vert.x 4.5's {@code HttpClient}, on Netty 4.1 (the {@code netty} stack's client hooks): HTTP/1.1, then h2c by prior knowledge. */
abstract class AbstractVertxClientSuiteIT extends AbstractClientSuiteIT {
    AbstractVertxClientSuiteIT(Jdk jdk) {
        super(jdk, "vertx-client", List.of("--client", "vertx"), "", UpgradeOffers.NEVER, false);
    }
}
