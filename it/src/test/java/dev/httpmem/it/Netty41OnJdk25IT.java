package dev.httpmem.it;

/** Netty 4.1 (frame codec and multiplex handler) on JDK 25. */
class Netty41OnJdk25IT extends AbstractServerSuiteIT {
    Netty41OnJdk25IT() {
        super(ExampleServer.NETTY_4_1, Jdk.JDK_25);
    }
}
