package dev.httpmem.it;

/** Netty 4.2 (frame codec and multiplex handler) on JDK 17. */
class Netty42OnJdk17IT extends AbstractServerSuiteIT {
    Netty42OnJdk17IT() {
        super(ExampleServer.NETTY_4_2, Jdk.JDK_17);
    }
}
