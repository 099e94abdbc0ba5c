package dev.httpmem.it;

/** Netty 4.1 (frame codec and multiplex handler) on JDK 17. */
class Netty41OnJdk17IT extends AbstractServerSuiteIT {
    Netty41OnJdk17IT() {
        super(ExampleServer.NETTY_4_1, Jdk.JDK_17);
    }
}
