package dev.httpmem.it;

/** Jetty 12.1's HttpClient on JDK 25. */
class JettyClientOnJdk25IT extends AbstractJettyClientSuiteIT {
    JettyClientOnJdk25IT() {
        super(Jdk.JDK_25);
    }
}
