package dev.httpmem.it;

/** Jetty 12.1 on JDK 25. */
class Jetty121OnJdk25IT extends AbstractServerSuiteIT {
    Jetty121OnJdk25IT() {
        super(ExampleServer.JETTY_12_1, Jdk.JDK_25);
    }
}
