package dev.httpmem.it;

/** Early and never-ending exchanges on Helidon 4 (JDK 25). */
class HelidonLifecycleIT extends AbstractExchangeLifecycleIT {
    HelidonLifecycleIT() {
        super(ExampleServer.HELIDON);
    }

    /** Helidon 4.5 answers a connection-specific header with GOAWAY (PROTOCOL_ERROR) as it decodes the headers. */
    @Override
    MalformedHeadersAnswer malformedHeadersAnswer() {
        return MalformedHeadersAnswer.CONNECTION_ERROR;
    }
}
