package dev.sandboxagent.adapters.codex.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted fake of the OpenAI Responses API ({@code POST /v1/responses}, streaming SSE) on
 * 127.0.0.1, for the real codex CLI. What it answers is decided from the request alone by
 * {@link FakeScript}: the scenario marker in the last user message and how many tool outputs
 * follow it.
 */
public final class FakeResponsesApi implements AutoCloseable {

    /** One request codex sent: its body and the Authorization header. */
    public record Request(JsonObject body, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakeResponsesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL for codex's model provider config. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    boolean closed() {
        return closed;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/responses")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonObject body;
            try (InputStream in = exchange.getRequestBody();
                 JsonReader reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
                body = reader.readObject();
            }
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
            FakeScript.Step step = FakeScript.decide(body);
            if (step.httpStatus() != 200) {
                byte[] error = step.errorBody().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(step.httpStatus(), error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            new SseWriter(out, this).play(step);
        } catch (IOException e) {
            // codex went away (interrupt, kill): nothing to answer any more
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
