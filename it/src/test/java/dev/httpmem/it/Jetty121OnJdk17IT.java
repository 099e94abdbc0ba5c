package dev.httpmem.it;

/** Jetty 12.1 on JDK 17. */
class Jetty121OnJdk17IT extends AbstractServerSuiteIT {
    Jetty121OnJdk17IT() {
        super(ExampleServer.JETTY_12_1, Jdk.JDK_17);
    }
}
