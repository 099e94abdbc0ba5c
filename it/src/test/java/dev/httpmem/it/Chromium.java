package dev.httpmem.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Headless Chromium driven over the DevTools protocol, on the JDK's own WebSocket client: one page, its console,
 * exceptions and network requests recorded as events from the start.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LISTENING = "DevTools listening on ";

    private final Process process;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private String session;

    private Chromium(Process process, URI browser) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(browser, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The Chromium this machine has, if any. */
    static Optional<Path> executable() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .map(Paths::get).filter(Files::isExecutable).findFirst();
    }

    /** Starts Chromium headless with a profile under {@code work} and opens one blank page with its events on. */
    static Chromium start(Path executable, Path work) throws Exception {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--remote-debugging-port=0",
                "--user-data-dir=" + work.resolve("profile"), "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--hide-scrollbars", "--mute-audio", "--window-size=1280,900"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox"); // Chromium refuses root otherwise; the page is our own file
        }
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(work.resolve("stdout.log").toFile()).start();
        try {
            URI browser = listeningAt(process);
            Chromium chromium = new Chromium(process, browser);
            String target = chromium.call("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
            chromium.session = chromium.call("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                    .get("sessionId").asText();
            for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
                chromium.call(domain + ".enable", Map.of());
            }
            return chromium;
        } catch (Exception | Error e) {
            stop(process);
            throw e;
        }
    }

    /** Reads Chromium's stderr up to the line naming its DevTools endpoint; the rest goes on being drained. */
    private static URI listeningAt(Process process) throws Exception {
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith(LISTENING)) {
                        endpoint.complete(URI.create(line.substring(LISTENING.length()).strip()));
                    }
                }
                endpoint.completeExceptionally(new IllegalStateException("Chromium exited: " + String.join("\n", lines)));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Calls a DevTools method on the page (or, before it is attached, on the browser) and returns its result. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON-able values only). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating failed: " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /**
     * Evaluates a JavaScript expression in each frame the page holds (not in the page itself), in the world of the
     * frame's own scripts, whose top-level declarations it sees; a page's content security policy may forbid the
     * page to reach them with eval.
     */
    List<JsonNode> evaluateInFrames(String expression) throws Exception {
        String page = call("Page.getFrameTree", Map.of()).get("frameTree").get("frame").get("id").asText();
        Set<Long> destroyed = events("Runtime.executionContextDestroyed").stream()
                .map(event -> event.get("executionContextId").asLong()).collect(Collectors.toSet());
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode created : events("Runtime.executionContextCreated")) {
            JsonNode context = created.get("context");
            JsonNode frame = context.path("auxData");
            if (frame.path("isDefault").asBoolean() && !page.equals(frame.path("frameId").asText())
                    && !destroyed.contains(context.get("id").asLong())) {
                JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                        "contextId", context.get("id").asLong()));
                if (result.has("exceptionDetails")) {
                    throw new IllegalStateException("evaluating failed in a frame: " + result.get("exceptionDetails"));
                }
                values.add(result.get("result").get("value"));
            }
        }
        return values;
    }

    /** Navigates the page and waits for its load event. */
    void open(URI url) throws Exception {
        int loadsBefore = events("Page.loadEventFired").size();
        call("Page.navigate", Map.of("url", url.toString()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events("Page.loadEventFired").size() == loadsBefore) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event for " + url + " in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** The events of {@code method} seen so far. */
    List<JsonNode> events(String method) {
        return events.stream().filter(event -> method.equals(event.path("method").asText()))
                .map(event -> event.get("params")).toList();
    }

    void screenshot(Path png, double height) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() {
        socket.abort();
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(message.toString());
                    if (node.has("id")) {
                        Optional.ofNullable(pending.remove(node.get("id").asLong())).ifPresent(reply -> reply.complete(node));
                    } else {
                        events.add(node);
                    }
                } catch (IOException e) {
                    pending.values().forEach(reply -> reply.completeExceptionally(e)); // a call fails, not hangs
                }
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
