package dev.httpmem.it;

/** Jetty 12.0 on JDK 25. */
class Jetty120OnJdk25IT extends AbstractServerSuiteIT {
    Jetty120OnJdk25IT() {
        super(ExampleServer.JETTY_12_0, Jdk.JDK_25);
    }
}
