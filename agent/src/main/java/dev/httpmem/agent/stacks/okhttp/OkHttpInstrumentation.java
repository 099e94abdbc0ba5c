package dev.httpmem.agent.stacks.okhttp;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * OkHttp 5, a client, over HTTP/1.1 and HTTP/2 (h2 by ALPN, h2c by prior knowledge): an exchange is OkHttp's
 * {@code Exchange}, one attempt of one request (a redirect, an authentication follow-up or a retry is another), from
 * its creation on a connection to its call's last message of it (its response body read whole, or closed, or the
 * attempt given up). An asynchronous call's run, whose callback handles the response, is the work of its first
 * exchange, which ends once that run has returned.
 */
public final class OkHttpInstrumentation implements StackInstrumentation {
    static final String STACK = "okhttp";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "okhttp3.internal.connection.RealCall";
    }

    @Override
    public List<String> landmarkClasses() {
        // OkHttp 5's connection planning (absent from 4.x), and the response body's source every byte passes through.
        return List.of("okhttp3.internal.connection.RoutePlanner", "okhttp3.internal.connection.Exchange$ResponseBodySource");
    }

    @Override
    public String supportedVersions() {
        return "OkHttp 5.1 and later 5.x";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new RealCallInstrumentation(), new AsyncCallInstrumentation(), new ExchangeInstrumentation(),
                new ResponseBodySourceInstrumentation(), new Http2StreamInstrumentation(), new ConnectionListenerInstrumentation());
    }
}
