package dev.httpmem.it;

/** Early and never-ending exchanges on Netty 4.2 (frame codec and multiplex handler). */
class NettyLifecycleIT extends AbstractExchangeLifecycleIT {
    NettyLifecycleIT() {
        super(ExampleServer.NETTY_4_2);
    }
}
