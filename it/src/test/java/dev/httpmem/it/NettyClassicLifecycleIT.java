package dev.httpmem.it;

/** Early, failing and never-ending exchanges on Netty 4.2's classic Http2ConnectionHandler, no child channels. */
class NettyClassicLifecycleIT extends AbstractNettyLifecycleIT {
    NettyClassicLifecycleIT() {
        super(ExampleServer.NETTY_4_2_CLASSIC);
    }
}
