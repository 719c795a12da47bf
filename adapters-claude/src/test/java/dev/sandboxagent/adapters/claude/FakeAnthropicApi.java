package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A scripted fake of the Anthropic Messages API on 127.0.0.1: {@code HEAD /} answers 200,
 * {@code POST /v1/messages} streams (SSE) what the script decides for the request
 * ({@link ModelRequest} → {@link Reply}). Every request is recorded. Each exchange runs on its
 * own virtual thread, so a stream held open does not block the others.
 */
final class FakeAnthropicApi implements AutoCloseable {

    /** What the fake model answers. */
    sealed interface Reply {
    }

    /** A streamed assistant message made of these blocks. */
    record Message(List<Block> blocks) implements Reply {
        static Message text(String... chunks) {
            return new Message(List.of(new TextBlock(List.of(chunks))));
        }
    }

    /** An HTTP error with an Anthropic error body. */
    record HttpError(int status, String type, String message) implements Reply {
    }

    /** Starts a text block with {@code text} and never finishes (pings until the client goes away). */
    record Hang(String text) implements Reply {
    }

    sealed interface Block {
    }

    record TextBlock(List<String> chunks) implements Block {
    }

    record ThinkingBlock(String thinking) implements Block {
    }

    record ToolUse(String name, JsonObject input) implements Block {
    }

    /** One recorded request. */
    record Recorded(String method, String path, String query, JsonObject body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Function<ModelRequest, Reply> script;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    FakeAnthropicApi(Function<ModelRequest, Reply> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The model requests (POST /v1/messages) that carried tools, i.e. not the title request. */
    List<ModelRequest> modelRequests() {
        return requests.stream().filter(r -> r.body() != null && r.path().equals("/v1/messages"))
                .map(r -> new ModelRequest(r.body())).filter(r -> !r.isTitleRequest()).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] bytes = ex.getRequestBody().readAllBytes();
            JsonObject body = bytes.length == 0 ? null : Jsons.parseObject(new String(bytes, StandardCharsets.UTF_8));
            requests.add(new Recorded(method, path, ex.getRequestURI().getQuery(), body));
            if (method.equals("HEAD") || (method.equals("GET") && path.equals("/"))) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            if (!method.equals("POST") || !path.equals("/v1/messages") || body == null) {
                json(ex, 404, error("not_found_error", "the fake serves only POST /v1/messages"));
                return;
            }
            ModelRequest request = new ModelRequest(body);
            Reply reply = request.isTitleRequest() ? Message.text("{\"title\":\"Fake session\"}") : script.apply(request);
            switch (reply) {
                case HttpError e -> json(ex, e.status(), error(e.type(), e.message()));
                case Message m -> stream(ex, request, m);
                case Hang h -> hang(ex, request, h);
            }
        }
    }

    private static JsonObject error(String type, String message) {
        return Json.createObjectBuilder().add("type", "error")
                .add("error", Json.createObjectBuilder().add("type", type).add("message", message)).build();
    }

    private static void json(HttpExchange ex, int status, JsonObject body) throws IOException {
        byte[] out = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("request-id", "req_fake_error");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
    }

    private void stream(HttpExchange ex, ModelRequest request, Message m) throws IOException {
        OutputStream out = startStream(ex);
        String messageId = start(out, request);
        int index = 0;
        boolean toolUse = false;
        for (Block block : m.blocks()) {
            int i = index;
            switch (block) {
                case TextBlock t -> {
                    event(out, "content_block_start", o -> o.add("index", i)
                            .add("content_block", Json.createObjectBuilder().add("type", "text").add("text", "")));
                    for (String chunk : t.chunks()) {
                        delta(out, index, Json.createObjectBuilder().add("type", "text_delta").add("text", chunk));
                    }
                }
                case ThinkingBlock t -> {
                    event(out, "content_block_start", o -> o.add("index", i).add("content_block",
                            Json.createObjectBuilder().add("type", "thinking").add("thinking", "").add("signature", "")));
                    delta(out, index, Json.createObjectBuilder().add("type", "thinking_delta").add("thinking", t.thinking()));
                    delta(out, index, Json.createObjectBuilder().add("type", "signature_delta").add("signature", "fakesig"));
                }
                case ToolUse u -> {
                    toolUse = true;
                    String id = "toolu_fake_" + messageId.substring(9) + "_" + index;
                    event(out, "content_block_start", o -> o.add("index", i).add("content_block",
                            Json.createObjectBuilder().add("type", "tool_use").add("id", id).add("name", u.name())
                                    .add("input", JsonObject.EMPTY_JSON_OBJECT)));
                    String json = u.input().toString();
                    int half = json.length() / 2;
                    delta(out, index, Json.createObjectBuilder().add("type", "input_json_delta")
                            .add("partial_json", json.substring(0, half)));
                    delta(out, index, Json.createObjectBuilder().add("type", "input_json_delta")
                            .add("partial_json", json.substring(half)));
                }
            }
            event(out, "content_block_stop", o -> o.add("index", i));
            index++;
        }
        String stop = toolUse ? "tool_use" : "end_turn";
        event(out, "message_delta", o -> o.add("delta", Json.createObjectBuilder().add("stop_reason", stop)
                .addNull("stop_sequence")).add("usage", Json.createObjectBuilder().add("output_tokens", 12)));
        event(out, "message_stop", o -> { });
    }

    private void hang(HttpExchange ex, ModelRequest request, Hang h) throws IOException {
        OutputStream out = startStream(ex);
        start(out, request);
        event(out, "content_block_start", o -> o.add("index", 0)
                .add("content_block", Json.createObjectBuilder().add("type", "text").add("text", "")));
        delta(out, 0, Json.createObjectBuilder().add("type", "text_delta").add("text", h.text()));
        // Held open until the CLI gives up on it (interrupt, kill) or the fake stops.
        while (!closed) {
            try {
                Thread.sleep(250);
                event(out, "ping", o -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException gone) {
                return;
            }
        }
    }

    private OutputStream startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("request-id", "req_fake_" + ids.incrementAndGet());
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private String start(OutputStream out, ModelRequest request) throws IOException {
        String messageId = "msg_fake_" + String.format("%06d", ids.incrementAndGet());
        event(out, "message_start", o -> o.add("message", Json.createObjectBuilder()
                .add("id", messageId).add("type", "message").add("role", "assistant")
                .add("model", request.model()).add("content", Json.createArrayBuilder())
                .addNull("stop_reason").addNull("stop_sequence")
                .add("usage", Json.createObjectBuilder().add("input_tokens", 10).add("output_tokens", 1))));
        return messageId;
    }

    private static void delta(OutputStream out, int index, jakarta.json.JsonObjectBuilder delta) throws IOException {
        event(out, "content_block_delta", o -> o.add("index", index).add("delta", delta));
    }

    private interface Fields {
        void add(jakarta.json.JsonObjectBuilder o);
    }

    private static void event(OutputStream out, String type, Fields fields) throws IOException {
        var o = Json.createObjectBuilder().add("type", type);
        fields.add(o);
        String frame = "event: " + type + "\ndata: " + o.build() + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

}
