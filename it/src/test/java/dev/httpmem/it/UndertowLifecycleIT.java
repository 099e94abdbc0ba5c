package dev.httpmem.it;

/** Early and never-ending exchanges on Undertow 2.4. */
class UndertowLifecycleIT extends AbstractExchangeLifecycleIT {
    UndertowLifecycleIT() {
        super(ExampleServer.UNDERTOW_2_4);
    }

    /** Undertow resets such a stream with PROTOCOL_ERROR before it makes anything of it: no exception is thrown. */
    @Override
    String rejectedStreamFailure() {
        return "PROTOCOL_ERROR";
    }
}
