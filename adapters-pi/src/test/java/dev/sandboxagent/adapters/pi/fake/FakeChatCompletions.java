package dev.sandboxagent.adapters.pi.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

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
 * A scripted fake of an OpenAI-compatible Chat Completions API ({@code POST /v1/chat/completions},
 * streamed as server-sent {@code chat.completion.chunk}s) on 127.0.0.1, for the real pi CLI.
 * {@link ChatScript} decides each answer from the request.
 */
public final class FakeChatCompletions implements AutoCloseable {

    /** One request pi sent: its body and Authorization header. */
    public record Request(JsonObject body, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ChatScript script = new ChatScript();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released at close: hanging answers wait for it (bounded, in case nobody closes). */
    private final CountDownLatch closing = new CountDownLatch(1);

    public FakeChatCompletions() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL for pi's models.json. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonObject body = Jsons.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || body == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
            switch (script.decide(body)) {
                case ChatScript.Fail f -> fail(exchange, f);
                case ChatScript.Stream s -> stream(exchange, body.getString("model", ""), s);
            }
        } catch (IOException e) {
            // pi went away (abort, kill): nothing to answer any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fail(HttpExchange exchange, ChatScript.Fail f) throws IOException {
        byte[] error = Jsons.print(Jsons.JSON.createObjectBuilder().add("error", Jsons.JSON.createObjectBuilder()
                .add("message", f.message()).add("type", "fake_error").add("code", String.valueOf(f.status())))
                .build()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(f.status(), error.length);
        exchange.getResponseBody().write(error);
    }

    private void stream(HttpExchange exchange, String model, ChatScript.Stream s) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        Chunks chunks = new Chunks(out, model);
        if (s.reasoning() != null) {
            chunks.delta(Jsons.JSON.createObjectBuilder().add("role", "assistant").add("reasoning_content", s.reasoning()));
        }
        for (String piece : s.text()) {
            chunks.delta(Jsons.JSON.createObjectBuilder().add("role", "assistant").add("content", piece));
        }
        if (s.hang()) {
            closing.await(5, TimeUnit.MINUTES);
            return;
        }
        if (s.bashCommand() != null) {
            String args = Jsons.print(Jsons.JSON.createObjectBuilder().add("command", s.bashCommand()).build());
            chunks.delta(Jsons.JSON.createObjectBuilder().add("role", "assistant").add("tool_calls",
                    Jsons.JSON.createArrayBuilder().add(Jsons.JSON.createObjectBuilder().add("index", 0)
                            .add("id", "call_" + requests.size()).add("type", "function")
                            .add("function", Jsons.JSON.createObjectBuilder().add("name", "bash").add("arguments", args)))));
        }
        chunks.finish(s.bashCommand() != null ? "tool_calls" : "stop");
    }

    /** Writes {@code chat.completion.chunk} events. */
    private record Chunks(OutputStream out, String model) {

        void delta(JsonObjectBuilder delta) throws IOException {
            choice(Jsons.JSON.createObjectBuilder().add("index", 0).add("delta", delta));
        }

        void finish(String reason) throws IOException {
            choice(Jsons.JSON.createObjectBuilder().add("index", 0).add("delta", Jsons.JSON.createObjectBuilder())
                    .add("finish_reason", reason));
            send(Jsons.print(chunk().add("choices", Jsons.JSON.createArrayBuilder()).add("usage", Jsons.JSON
                    .createObjectBuilder().add("prompt_tokens", 10).add("completion_tokens", 5).add("total_tokens", 15))
                    .build()));
            send("[DONE]");
        }

        private void choice(JsonObjectBuilder choice) throws IOException {
            send(Jsons.print(chunk().add("choices", Jsons.JSON.createArrayBuilder().add(choice)).build()));
        }

        private JsonObjectBuilder chunk() {
            return Jsons.JSON.createObjectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion.chunk")
                    .add("created", 1).add("model", model);
        }

        private void send(String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
