package dev.httpmem.it;

/**
 * Vert.x 4.5 (on the Netty it ships with) on JDK 17.
 */
class Vertx45OnJdk17IT extends AbstractServerSuiteIT {
    Vertx45OnJdk17IT() {
        super(ExampleServer.VERTX_4_5, Jdk.JDK_17);
    }
}
