package dev.httpmem.it;

/**
 * Reactor Netty 1.2 (on the Netty 4.1 it ships with) on JDK 25.
 */
class ReactorNettyOnJdk25IT extends AbstractServerSuiteIT {
    ReactorNettyOnJdk25IT() {
        super(ExampleServer.REACTOR_NETTY, Jdk.JDK_25);
    }
}
