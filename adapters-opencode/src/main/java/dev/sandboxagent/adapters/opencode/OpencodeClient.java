package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP side of one {@code opencode serve}: JSON calls with its basic-auth password, and its
 * {@code /event} SSE stream. Every call names the session's directory, which selects the
 * OpenCode project instance the call acts on.
 */
final class OpencodeClient {

    static final String USER = "opencode";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;

    OpencodeClient(String baseUrl, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** An error status from OpenCode, with its body. */
    static final class HttpError extends IOException {
        final int status;

        HttpError(String what, int status, String body) {
            super(what + " -> HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)));
            this.status = status;
        }
    }

    JsonValue get(String path, String directory) throws IOException, InterruptedException {
        return call("GET", path, directory, null, CALL_TIMEOUT);
    }

    JsonValue get(String path, String directory, Duration timeout) throws IOException, InterruptedException {
        return call("GET", path, directory, null, timeout);
    }

    /** POSTs {@code body}; returns the parsed answer, or null for an empty one (204). */
    JsonValue post(String path, String directory, JsonValue body) throws IOException, InterruptedException {
        return call("POST", path, directory, body == null ? JsonValue.EMPTY_JSON_OBJECT : body, CALL_TIMEOUT);
    }

    JsonValue delete(String path, String directory) throws IOException, InterruptedException {
        return call("DELETE", path, directory, null, CALL_TIMEOUT);
    }

    private JsonValue call(String method, String path, String directory, JsonValue body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path, directory))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Jsons.print(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new HttpError(method + " " + path, r.statusCode(), r.body());
        }
        String text = r.body();
        return text == null || text.isBlank() ? null : Jsons.parse(text);
    }

    /** Answers true when the server's health endpoint says so within {@code timeout}. */
    boolean healthy(Duration timeout) {
        try {
            JsonValue v = get("/global/health", null, timeout);
            return v instanceof JsonObject o && o.getBoolean("healthy", false);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Follows {@code /event} for {@code directory}: each event object goes to {@code onEvent}
     * (on a virtual thread, in order); {@code onEnd} runs once when the stream ends, with the
     * failure or null after {@link EventStream#close()}. {@link EventStream#awaitConnected}
     * returns once the first event (OpenCode's {@code server.connected}) has arrived.
     */
    EventStream subscribe(String directory, Consumer<JsonObject> onEvent, Consumer<Throwable> onEnd) {
        EventStream stream = new EventStream();
        HttpRequest request = HttpRequest.newBuilder(uri("/event", directory))
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .GET().build();
        stream.thread = Thread.ofVirtual().name("opencode-sse").start(() -> {
            Throwable failure = null;
            try {
                HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new HttpError("GET /event", r.statusCode(), null);
                }
                stream.body = r.body();
                if (stream.closed) {
                    stream.body.close();
                    return;
                }
                readEvents(r.body(), event -> {
                    stream.connected.complete(null); // the first event (server.connected) says we are subscribed
                    onEvent.accept(event);
                });
            } catch (IOException | RuntimeException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } finally {
                onEnd.accept(stream.closed ? null : failure != null ? failure : new IOException("event stream ended"));
            }
        });
        return stream;
    }

    /** Reads SSE: {@code data:} lines up to a blank line form one event. */
    private static void readEvents(InputStream in, Consumer<JsonObject> onEvent) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    dispatch(data, onEvent);
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                }
                // other fields (event:, id:, retry:, comments) carry nothing OpenCode uses
            }
            dispatch(data, onEvent);
        }
    }

    private static void dispatch(StringBuilder data, Consumer<JsonObject> onEvent) {
        if (data.isEmpty()) {
            return;
        }
        String text = data.toString();
        data.setLength(0);
        JsonObject event;
        try {
            event = Jsons.parse(text) instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            event = null;
        }
        onEvent.accept(event != null ? event : Jsons.JSON.createObjectBuilder()
                .add("type", "sandbox.unparsable").add("text", text).build());
    }

    /** An open {@code /event} subscription. */
    static final class EventStream implements AutoCloseable {
        private volatile boolean closed;
        private volatile InputStream body;
        private volatile Thread thread;
        final CompletableFuture<Void> connected = new CompletableFuture<>();

        @Override
        public void close() {
            closed = true;
            InputStream b = body;
            if (b != null) {
                try {
                    b.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            Thread t = thread;
            if (t != null && b == null) {
                t.interrupt(); // still connecting
            }
        }

        boolean awaitConnected(Duration timeout) {
            try {
                connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    private URI uri(String path, String directory) {
        String q = directory == null ? "" : "?directory=" + URLEncoder.encode(directory, StandardCharsets.UTF_8);
        return URI.create(baseUrl + path + q);
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 500 ? one : one.substring(0, 500) + "…";
    }
}
