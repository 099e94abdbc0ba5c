package dev.httpmem.it;

/** Early, failing and never-ending exchanges on a Netty example; a subclass names its HTTP/2 API. */
abstract class AbstractNettyLifecycleIT extends AbstractExchangeLifecycleIT {
    AbstractNettyLifecycleIT(ExampleServer example) {
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
