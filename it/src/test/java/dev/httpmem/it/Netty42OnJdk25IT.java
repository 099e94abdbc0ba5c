package dev.httpmem.it;

/** Netty 4.2 (frame codec and multiplex handler) on JDK 25. */
class Netty42OnJdk25IT extends AbstractServerSuiteIT {
    Netty42OnJdk25IT() {
        super(ExampleServer.NETTY_4_2, Jdk.JDK_25);
    }
}
