package dev.httpmem.it;

/** Early, failing and never-ending exchanges on Netty 4.2 (frame codec and multiplex handler). */
class NettyLifecycleIT extends AbstractNettyLifecycleIT {
    NettyLifecycleIT() {
        super(ExampleServer.NETTY_4_2);
    }
}
