package dev.httpmem.it;

/**
 * Reactor Netty 1.2 (on the Netty 4.1 it ships with) on JDK 17.
 */
class ReactorNettyOnJdk17IT extends AbstractServerSuiteIT {
    ReactorNettyOnJdk17IT() {
        super(ExampleServer.REACTOR_NETTY, Jdk.JDK_17);
    }
}
