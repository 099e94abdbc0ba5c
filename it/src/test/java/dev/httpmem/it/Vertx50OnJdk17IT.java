package dev.httpmem.it;

/**
 * Vert.x 5.0 (on the Netty it ships with) on JDK 17.
 */
class Vertx50OnJdk17IT extends AbstractServerSuiteIT {
    Vertx50OnJdk17IT() {
        super(ExampleServer.VERTX_5_0, Jdk.JDK_17);
    }
}
