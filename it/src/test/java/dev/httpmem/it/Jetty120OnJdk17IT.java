package dev.httpmem.it;

/** Jetty 12.0 on JDK 17. */
class Jetty120OnJdk17IT extends AbstractServerSuiteIT {
    Jetty120OnJdk17IT() {
        super(ExampleServer.JETTY_12_0, Jdk.JDK_17);
    }
}
