package dev.httpmem.it;

/**
 * Undertow 2.3 on JDK 17.
 */
class Undertow23OnJdk17IT extends AbstractServerSuiteIT {
    Undertow23OnJdk17IT() {
        super(ExampleServer.UNDERTOW_2_3, Jdk.JDK_17);
    }
}
