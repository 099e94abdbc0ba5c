package dev.httpmem.it;

import java.util.List;

/** OkHttp 5, asynchronous calls (the callback reads each body): HTTP/1.1, then h2c by prior knowledge. */
abstract class AbstractOkHttpClientSuiteIT extends AbstractClientSuiteIT {
    AbstractOkHttpClientSuiteIT(Jdk jdk) {
        super(jdk, "okhttp", List.of("--client", "okhttp"), "", UpgradeOffers.NEVER, false);
    }
}
