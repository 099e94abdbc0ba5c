package dev.httpmem.it;

/** Jetty 12.1's HttpClient on JDK 17. */
class JettyClientOnJdk17IT extends AbstractJettyClientSuiteIT {
    JettyClientOnJdk17IT() {
        super(Jdk.JDK_17);
    }
}
