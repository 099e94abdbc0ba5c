package dev.httpmem.it;

/**
 * Undertow 2.4 on JDK 25.
 */
class Undertow24OnJdk25IT extends AbstractServerSuiteIT {
    Undertow24OnJdk25IT() {
        super(ExampleServer.UNDERTOW_2_4, Jdk.JDK_25);
    }
}
