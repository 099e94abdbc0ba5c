package dev.httpmem.it;

/** Netty 4.1.80, the oldest the agent supports, on JDK 17. */
class Netty4180OnJdk17IT extends AbstractServerSuiteIT {
    Netty4180OnJdk17IT() {
        super(ExampleServer.NETTY_4_1_80, Jdk.JDK_17);
    }
}
