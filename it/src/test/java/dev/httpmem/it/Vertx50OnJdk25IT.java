package dev.httpmem.it;

/**
 * Vert.x 5.0 (on the Netty it ships with) on JDK 25.
 */
class Vertx50OnJdk25IT extends AbstractServerSuiteIT {
    Vertx50OnJdk25IT() {
        super(ExampleServer.VERTX_5_0, Jdk.JDK_25);
    }
}
