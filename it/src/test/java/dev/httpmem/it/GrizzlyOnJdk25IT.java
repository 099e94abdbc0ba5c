package dev.httpmem.it;

/**
 * Grizzly 4 on JDK 25.
 */
class GrizzlyOnJdk25IT extends AbstractServerSuiteIT {
    GrizzlyOnJdk25IT() {
        super(ExampleServer.GRIZZLY, Jdk.JDK_25);
    }
}
