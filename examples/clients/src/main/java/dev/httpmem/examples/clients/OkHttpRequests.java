package dev.httpmem.examples.clients;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The driver's requests through OkHttp 5, asynchronously ({@code enqueue}), {@link ClientDriver.Options#concurrency}
 * at a time: HTTP/1.1, or h2c by prior knowledge. Each body is read and handled in the callback, on the dispatcher's
 * thread that runs the call.
 */
final class OkHttpRequests {
    private static final int OK = 200;

    private OkHttpRequests() {}

    /**
     * One connection pool for every phase, as a service has one, its clients differing in the protocols they
     * speak; dispatched on daemon threads, which let the driver's JVM exit once its phases are done.
     */
    private static final class Shared {
        static final OkHttpClient CLIENT = create();

        private static OkHttpClient create() {
            ExecutorService dispatcher = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "okhttp-dispatcher");
                thread.setDaemon(true);
                return thread;
            });
            return new OkHttpClient.Builder().dispatcher(new Dispatcher(dispatcher)).build();
        }
    }

    /** Sends the requests and returns how many failed. */
    static long run(ClientDriver.Options options, ClientDriver.Phase phase) throws InterruptedException {
        OkHttpClient client = Shared.CLIENT.newBuilder()
                .protocols(List.of(phase == ClientDriver.Phase.HTTP_1_1 ? Protocol.HTTP_1_1 : Protocol.H2_PRIOR_KNOWLEDGE))
                .build();
        client.dispatcher().setMaxRequestsPerHost(options.concurrency());
        Request request = new Request.Builder().url(options.url().toString()).build();
        InFlight inFlight = new InFlight(options);
        Callback callback = new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                boolean ok = response.code() == OK;
                try (ResponseBody body = response.body()) {
                    if (ok) {
                        options.handle(body.bytes(), response.protocol() != Protocol.HTTP_1_1);
                    }
                } catch (IOException e) {
                    ok = false;
                } finally {
                    inFlight.end(ok);
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                inFlight.end(false);
            }
        };
        for (int i = 0; i < options.requests(); i++) {
            inFlight.begin();
            client.newCall(request).enqueue(callback);
        }
        return inFlight.awaitFailed();
    }

    /** Stops the dispatcher once every phase is done, waiting for the calls it runs to return, and closes the pool. */
    static void close() throws InterruptedException {
        ExecutorService dispatcher = Shared.CLIENT.dispatcher().executorService();
        dispatcher.shutdown();
        dispatcher.awaitTermination(10, TimeUnit.SECONDS);
        Shared.CLIENT.connectionPool().evictAll();
    }
}
