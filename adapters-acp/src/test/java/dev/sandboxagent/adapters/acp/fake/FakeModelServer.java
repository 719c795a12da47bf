package dev.sandboxagent.adapters.acp.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted fake model API on 127.0.0.1 for a real agent CLI: every POST is recorded and answered
 * as its {@link Dialect} decides from the request alone (the scenario marker in the last user
 * message, and whether a tool result follows it). A streamed answer that should hang sends its
 * first chunk and then holds the connection until the agent drops it or the fake closes.
 */
public final class FakeModelServer implements AutoCloseable {

    /** One request the agent sent. */
    public record Request(String path, JsonObject body, String apiKey) {
    }

    /** How one model API shapes its answers. */
    public interface Dialect {
        Reply answer(String path, JsonObject body);
    }

    /** An answer: SSE {@code data:} payloads (streamed), or a plain JSON body with a status. */
    public sealed interface Reply {
        record Stream(List<String> data, boolean hang, boolean doneMarker) implements Reply {
        }

        record Plain(int status, String json) implements Reply {
        }
    }

    private final HttpServer server;
    private final Dialect dialect;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    public FakeModelServer(Dialect dialect) throws IOException {
        this.dialect = dialect;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = body.isBlank() ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : Jsons.parseObject(body);
            String key = exchange.getRequestHeaders().getFirst("x-goog-api-key");
            if (key == null) {
                key = exchange.getRequestHeaders().getFirst("Authorization");
            }
            String path = exchange.getRequestURI().toString();
            requests.add(new Request(path, json, key));
            Reply reply = "POST".equals(exchange.getRequestMethod()) ? dialect.answer(path, json)
                    : new Reply.Plain(404, "{}");
            switch (reply) {
                case Reply.Plain p -> {
                    byte[] bytes = p.json().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(p.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                case Reply.Stream s -> stream(exchange, s);
            }
        } catch (IOException | RuntimeException e) {
            // the agent hung up (e.g. an interrupted turn): nothing to answer
        }
    }

    private void stream(HttpExchange exchange, Reply.Stream s) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String data : s.data()) {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (s.hang()) {
            try {
                closed.await(10, TimeUnit.MINUTES); // until the agent drops the connection or we close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (s.doneMarker()) {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
