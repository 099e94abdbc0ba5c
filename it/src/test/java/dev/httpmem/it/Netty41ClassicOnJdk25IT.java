package dev.httpmem.it;

/** Netty 4.1 with the classic Http2ConnectionHandler API, on JDK 25. */
class Netty41ClassicOnJdk25IT extends AbstractServerSuiteIT {
    Netty41ClassicOnJdk25IT() {
        super(ExampleServer.NETTY_4_1_CLASSIC, Jdk.JDK_25);
    }
}
