package dev.httpmem.examples.clients;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The driver's requests through Jetty 12's {@code HttpClient} on its dynamic transport: HTTP/1.1, or HTTP/2 by
 * prior knowledge (h2c) as each request asks. {@link ClientDriver.Options#concurrency} at a time, each body buffered
 * and handled in the completion listener, on the client's thread that read the response's end.
 */
final class JettyClientRequests {
    private static final int OK = 200;
    private static final int MAX_BODY = 64 << 20;

    private JettyClientRequests() {}

    /** One client for every phase, as a service has one: each request asks for its protocol. */
    private static final class Shared {
        static final HttpClient CLIENT = start();

        /** With daemon threads, which let the driver's JVM exit once its phases are done, as the other clients' do. */
        private static HttpClient start() {
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("jetty-client");
            threads.setDaemon(true);
            ClientConnector connector = new ClientConnector();
            connector.setExecutor(threads);
            connector.setScheduler(new ScheduledExecutorScheduler("jetty-client-scheduler", true));
            HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11,
                    new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))));
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty's HttpClient did not start", e);
            }
            return client;
        }
    }

    /** Sends the requests and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) throws InterruptedException {
        HttpVersion version = phase == ClientDriver.Phase.HTTP_1_1 ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_2;
        InFlight inFlight = new InFlight(options);
        for (int i = 0; i < options.requests(); i++) {
            inFlight.begin();
            Shared.CLIENT.newRequest(options.url()).version(version).send(new BufferingResponseListener(MAX_BODY) {
                @Override
                public void onComplete(Result result) {
                    boolean answered = !result.isFailed() && result.getResponse().getStatus() == OK;
                    try {
                        if (answered) {
                            options.handle(getContent(), version == HttpVersion.HTTP_2);
                        }
                    } finally {
                        inFlight.end(answered);
                    }
                }
            });
        }
        return inFlight.awaitFailed();
    }

    /** Stops the client once every phase is done, waiting for its threads to finish what they had begun. */
    static void close() {
        try {
            Shared.CLIENT.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HttpClient did not stop", e);
        }
    }
}
