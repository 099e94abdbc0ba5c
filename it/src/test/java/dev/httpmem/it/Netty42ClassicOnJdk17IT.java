package dev.httpmem.it;

/** Netty 4.2 with the classic Http2ConnectionHandler API, on JDK 17. */
class Netty42ClassicOnJdk17IT extends AbstractServerSuiteIT {
    Netty42ClassicOnJdk17IT() {
        super(ExampleServer.NETTY_4_2_CLASSIC, Jdk.JDK_17);
    }
}
