package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1 for OpenCode's "fake"
 * provider. It decides from the request alone: the tag in the last user message picks the
 * script, the number of tool results after that message picks the step.
 *
 * <ul>
 * <li>{@code [TEXT]} text in several chunks; {@code [TOOL]} glob, then text;
 * {@code [BASH]} bash {@code echo perm-ok}, then text; {@code [WRITE]} write created.txt, then text;
 * {@code [PROBE]} the test MCP server's tool (as server "probe"), then text;
 * {@code [QUESTION]} the question tool, then text echoing the answer ({@code [QUESTIONS]}: two
 * questions at once, the second multiple-choice); {@code [ENV]} bash
 * printing {@code $SANDBOX_TEST_MARKER} and {@code pwd}, then text; {@code [HANG]} one chunk, then
 * the stream stays open; {@code [401]} HTTP 401; {@code [GATED tag]} text, a pause at gate
 * {@code tag-1}, more text and bash {@code echo cut-ok}, then text, a pause at gate {@code tag-2},
 * and the tool's output (see {@link #open} and {@link #awaitReached}).</li>
 * </ul>
 */
final class FakeModelServer implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** A pause in a scripted answer: reached when the script waits there, passed once opened. */
    private record Gate(CountDownLatch reached, CountDownLatch opened) {
    }

    FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL OpenCode's provider uses ({@code .../v1}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Bodies of the chat requests received so far (title requests included). */
    List<JsonObject> requests() {
        return List.copyOf(requests);
    }

    /** Lets a {@code [GATED]} answer go on past gate {@code name} (now or when it gets there). */
    void open(String name) {
        gate(name).opened.countDown();
    }

    /** Waits until a {@code [GATED]} answer pauses at gate {@code name}; fails after 90 s. */
    void awaitReached(String name) throws InterruptedException {
        if (!gate(name).reached.await(90, TimeUnit.SECONDS)) {
            throw new AssertionError("the fake model never reached gate " + name);
        }
    }

    private Gate gate(String name) {
        return gates.computeIfAbsent(name, k -> new Gate(new CountDownLatch(1), new CountDownLatch(1)));
    }

    @Override
    public void close() {
        stopping.countDown();
        gates.values().forEach(g -> g.opened.countDown());
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(ex, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            JsonObject body = Jsons.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .asJsonObject();
            requests.add(body);
            reply(ex, body);
        }
    }

    private void reply(HttpExchange ex, JsonObject body) throws IOException {
        JsonArray messages = Jsons.array(body, "messages");
        if (text(messages.getJsonObject(0)).contains("title generator")) {
            stream(ex, List.of(textChunk("A title")), "stop", true);
            return;
        }
        int lastUser = 0;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(Jsons.string(messages.getJsonObject(i), "role"))) {
                lastUser = i;
            }
        }
        String prompt = text(messages.getJsonObject(lastUser));
        List<JsonObject> tools = messages.subList(lastUser, messages.size()).stream().map(JsonValue::asJsonObject)
                .filter(m -> "tool".equals(Jsons.string(m, "role"))).toList();
        int step = tools.size();
        String lastTool = tools.isEmpty() ? "" : text(tools.getLast());
        if (prompt.contains("[401]")) {
            send(ex, 401, "{\"error\":{\"message\":\"Invalid API key (fake)\",\"type\":\"invalid_request_error\","
                    + "\"code\":\"invalid_api_key\"}}");
        } else if (prompt.contains("[HANG]")) {
            stream(ex, List.of(textChunk("Streaming sl")), null, false);
            hold();
        } else if (prompt.contains("[GATED ")) {
            gated(ex, prompt.substring(prompt.indexOf("[GATED ") + 7, prompt.indexOf(']', prompt.indexOf("[GATED "))),
                    step, lastTool);
        } else if (prompt.contains("[TOOL]") && step == 0) {
            toolCall(ex, "glob", "{\"pattern\":\"*\"}");
        } else if (prompt.contains("[BASH]") && step == 0) {
            toolCall(ex, "bash", "{\"command\":\"echo perm-ok\",\"description\":\"print perm-ok\"}");
        } else if (prompt.contains("[WRITE]") && step == 0) {
            toolCall(ex, "write", "{\"filePath\":\"created.txt\",\"content\":\"created by the fake\\n\"}");
        } else if (prompt.contains("[ENV]") && step == 0) {
            toolCall(ex, "bash", "{\"command\":\"echo marker=$SANDBOX_TEST_MARKER; pwd\",\"description\":\"env\"}");
        } else if (prompt.contains("[PROBE]") && step == 0) {
            toolCall(ex, "probe_" + dev.sandboxagent.core.testing.McpTestServer.TOOL, "{}");
        } else if (prompt.contains("[QUESTIONS]") && step == 0) {
            toolCall(ex, "question", "{\"questions\":[{\"question\":\"Which colour should I use?\",\"header\":\"Colour\","
                    + "\"options\":[{\"label\":\"Red\",\"description\":\"warm\"},{\"label\":\"Blue\",\"description\":\"cool\"}]},"
                    + "{\"question\":\"Which sizes?\",\"header\":\"Sizes\",\"multiple\":true,"
                    + "\"options\":[{\"label\":\"Small\",\"description\":\"s\"},{\"label\":\"Large\",\"description\":\"l\"}]}]}");
        } else if (prompt.contains("[QUESTION]") && step == 0) {
            toolCall(ex, "question", "{\"questions\":[{\"question\":\"Which colour should I use?\",\"header\":\"Colour\","
                    + "\"options\":[{\"label\":\"Red\",\"description\":\"warm\"},{\"label\":\"Blue\",\"description\":\"cool\"}]}]}");
        } else if (step > 0) {
            stream(ex, List.of(textChunk("Done after the tool: "), textChunk(oneLine(lastTool))), "stop", true);
        } else {
            stream(ex, List.of(textChunk("Hello from "), textChunk("the fake "), textChunk("model.")), "stop", true);
        }
    }

    private void toolCall(HttpExchange ex, String name, String arguments) throws IOException {
        stream(ex, List.of(toolCallDelta(name, arguments)), "tool_calls", true);
    }

    private static JsonObject toolCallDelta(String name, String arguments) {
        String id = "call_" + Long.toHexString(System.nanoTime());
        JsonObject call = Jsons.JSON.createObjectBuilder().add("index", 0).add("id", id).add("type", "function")
                .add("function", Jsons.JSON.createObjectBuilder().add("name", name).add("arguments", arguments))
                .build();
        return Jsons.JSON.createObjectBuilder().add("role", "assistant")
                .add("tool_calls", Jsons.JSON.createArrayBuilder().add(call)).build();
    }

    /** {@code [GATED tag]}: each step streams its first text, pauses at its gate, then finishes. */
    private void gated(HttpExchange ex, String tag, int step, String lastTool) throws IOException {
        stream(ex, List.of(textChunk(step == 0 ? "First half, " : "Done after the tool: ")), null, false);
        Gate gate = gate(tag + "-" + (step + 1));
        gate.reached.countDown();
        try {
            if (!gate.opened.await(3, TimeUnit.MINUTES)) {
                return; // the test gave up; OpenCode sees the stream end early
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (step == 0) {
            more(ex, List.of(textChunk("second half."), toolCallDelta("bash",
                    "{\"command\":\"echo cut-ok\",\"description\":\"print cut-ok\"}")), "tool_calls");
        } else {
            more(ex, List.of(textChunk(oneLine(lastTool))), "stop");
        }
    }

    private static JsonObject textChunk(String text) {
        return Jsons.JSON.createObjectBuilder().add("role", "assistant").add("content", text).build();
    }

    /** Streams the deltas as chat.completion.chunk events; without {@code end} the stream stays open. */
    private void stream(HttpExchange ex, List<JsonObject> deltas, String finish, boolean end) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        more(ex, deltas, end ? finish : null);
    }

    /** Streams more deltas of an open answer, and its end when {@code finish} is given. */
    private void more(HttpExchange ex, List<JsonObject> deltas, String finish) throws IOException {
        OutputStream out = ex.getResponseBody();
        for (JsonObject d : deltas) {
            event(out, chunk(Jsons.JSON.createArrayBuilder().add(Jsons.JSON.createObjectBuilder()
                    .add("index", 0).add("delta", d).addNull("finish_reason")).build(), null));
        }
        if (finish == null) {
            return;
        }
        event(out, chunk(Jsons.JSON.createArrayBuilder().add(Jsons.JSON.createObjectBuilder()
                .add("index", 0).add("delta", JsonValue.EMPTY_JSON_OBJECT).add("finish_reason", finish)).build(), null));
        event(out, chunk(JsonValue.EMPTY_JSON_ARRAY, Jsons.JSON.createObjectBuilder().add("prompt_tokens", 100)
                .add("completion_tokens", 20).add("total_tokens", 120).build()));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonObject chunk(JsonArray choices, JsonObject usage) {
        var b = Jsons.JSON.createObjectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion.chunk")
                .add("created", 1).add("model", "fake-model").add("choices", choices);
        if (usage != null) {
            b.add("usage", usage);
        }
        return b.build();
    }

    private static void event(OutputStream out, JsonObject data) throws IOException {
        out.write(("data: " + Jsons.print(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Keeps a hanging stream open until the client goes away or the server stops. */
    private void hold() {
        try {
            stopping.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** A message's content as text (a string, or the text of its parts). */
    private static String text(JsonObject message) {
        JsonValue c = message.get("content");
        if (c instanceof JsonArray parts) {
            StringBuilder sb = new StringBuilder();
            for (JsonValue p : parts) {
                if (p instanceof JsonObject o && Jsons.string(o, "text") != null) {
                    sb.append(Jsons.string(o, "text"));
                }
            }
            return sb.toString();
        }
        return Jsons.text(c);
    }

    private static String oneLine(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) : one;
    }
}
