package dev.httpmem.it;

/**
 * Jetty 12.1's HttpClient on JDK 17 only: its classes and the advice woven into them are the same on every JDK, and
 * the whole suite must stay under 20 minutes on CI's two cores (the JDK's own client, which differs by JDK, runs on
 * both).
 */
class JettyClientOnJdk17IT extends AbstractJettyClientSuiteIT {
    JettyClientOnJdk17IT() {
        super(Jdk.JDK_17);
    }
}
