package dev.httpmem.it;

/** Early and never-ending exchanges on Netty 4.2 (frame codec and multiplex handler). */
class NettyLifecycleIT extends AbstractExchangeLifecycleIT {
    NettyLifecycleIT() {
        this(ExampleServer.NETTY_4_2);
    }

    NettyLifecycleIT(ExampleServer example) {
        super(example);
    }

    /**
     * Netty's HTTP/1.1 exchange ends when the encoder hands the last content to the channel, not when the write
     * completes, so a response dropped in the channel's buffer still reads completed.
     */
    @Override
    boolean labelsDroppedHttp11Responses() {
        return false;
    }
}
