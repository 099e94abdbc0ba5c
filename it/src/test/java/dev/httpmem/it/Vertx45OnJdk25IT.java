package dev.httpmem.it;

/**
 * Vert.x 4.5 (on the Netty it ships with) on JDK 25.
 */
class Vertx45OnJdk25IT extends AbstractServerSuiteIT {
    Vertx45OnJdk25IT() {
        super(ExampleServer.VERTX_4_5, Jdk.JDK_25);
    }
}
