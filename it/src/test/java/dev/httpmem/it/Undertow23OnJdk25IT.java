package dev.httpmem.it;

/**
 * Undertow 2.3 on JDK 25.
 */
class Undertow23OnJdk25IT extends AbstractServerSuiteIT {
    Undertow23OnJdk25IT() {
        super(ExampleServer.UNDERTOW_2_3, Jdk.JDK_25);
    }
}
