package dev.httpmem.it;

/**
 * Undertow 2.4 on JDK 17.
 */
class Undertow24OnJdk17IT extends AbstractServerSuiteIT {
    Undertow24OnJdk17IT() {
        super(ExampleServer.UNDERTOW_2_4, Jdk.JDK_17);
    }
}
