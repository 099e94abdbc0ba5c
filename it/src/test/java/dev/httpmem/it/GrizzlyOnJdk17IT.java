package dev.httpmem.it;

/**
 * Grizzly 4 on JDK 17.
 */
class GrizzlyOnJdk17IT extends AbstractServerSuiteIT {
    GrizzlyOnJdk17IT() {
        super(ExampleServer.GRIZZLY, Jdk.JDK_17);
    }
}
