package dev.sandboxagent.adapters.amp.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static jakarta.json.Json.createArrayBuilder;
import static jakarta.json.Json.createObjectBuilder;

/**
 * One thread on the fake Amp server: its WebSocket JSON-RPC (executor handshake, user messages,
 * tool leases and results) and the scripted agent that answers each user message
 * ({@link FakeAmpScript}). User messages are held until the executor has finished its tool
 * bootstrap, as the real server does.
 */
public final class FakeAmpThread {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FakeAmpServer server;
    private final String id;
    private final List<JsonObject> userMessages = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonObject> pending = new ArrayList<>();
    private final Map<String, CompletableFuture<JsonObject>> toolResults = new ConcurrentHashMap<>();
    private volatile WebSocket executor;
    private volatile boolean bootstrapped;
    private volatile String workingDirectory = "/tmp";
    private volatile Thread turn;
    private int seq;

    private final String agentMode;

    FakeAmpThread(FakeAmpServer server, String id, String agentMode) {
        this.server = server;
        this.id = id;
        this.agentMode = agentMode;
    }

    public String id() {
        return id;
    }

    /** The executor's working directory (absolute). */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** The params of every client_append_user_msg (content, agentMode, …), in order. */
    public List<JsonObject> userMessages() {
        synchronized (userMessages) {
            return List.copyOf(userMessages);
        }
    }

    synchronized int version() {
        return seq;
    }

    synchronized int nextSeq() {
        return ++seq;
    }

    /** The getThreadTail result: the thread's metadata and data, without its messages. */
    JsonValue tail() {
        return createObjectBuilder()
                .add("thread", createObjectBuilder().add("id", id).add("title", JsonValue.NULL)
                        .add("updatedAt", JsonValue.NULL).add("creatorUserID", "user-fake")
                        .add("data", createObjectBuilder().add("id", id).add("v", version()).add("agentMode", agentMode)
                                .add("meta", createObjectBuilder().add("usesThreadActors", true))))
                .add("messages", JsonValue.EMPTY_JSON_ARRAY).add("hasMoreBefore", false).build();
    }

    // ---- JSON-RPC from the CLI -----------------------------------------------------------

    void onMessage(WebSocket ws, JsonObject message) {
        String method = message.getString("method", null);
        JsonObject params = message.containsKey("params") && message.get("params") instanceof JsonObject p
                ? p : JsonValue.EMPTY_JSON_OBJECT;
        if (method == null) {
            return; // a response to something we sent
        }
        JsonValue result = JsonValue.NULL;
        Runnable after = () -> { };
        switch (method) {
            case "executor_connect" -> {
                executor = ws; // a new CLI process: it bootstraps its tools again
                synchronized (pending) {
                    bootstrapped = false;
                    pending.clear();
                }
                JsonObject caps = params.getJsonObject("capabilities");
                if (caps != null && caps.containsKey("workingDirectory")) {
                    workingDirectory = caps.getString("workingDirectory");
                }
                after = () -> ws.send(notification("executor_connected", createObjectBuilder()
                        .add("executorId", params.getString("clientId", "executor"))
                        .add("registeredToolCount", 0).add("guidanceInventory", JsonValue.EMPTY_JSON_ARRAY).build()));
            }
            case "client_resume" -> result = createObjectBuilder()
                    .add("replayThroughSeq", params.getInt("version", 0)).build();
            case "executor_tools_bootstrap_complete" -> after = this::bootstrapComplete;
            case "client_append_user_msg" -> after = () -> userMessage(params);
            case "executor_tool_result" -> after = () -> {
                ws.send(notification("executor_tool_result_ack",
                        createObjectBuilder().add("toolCallId", params.getString("toolCallId", "")).build()));
                CompletableFuture<JsonObject> f = toolResults.remove(params.getString("toolCallId", ""));
                if (f != null) {
                    f.complete(params);
                }
            };
            case "client_cancel" -> after = this::cancel;
            default -> { }
        }
        if (message.containsKey("id")) {
            ws.send(Json.print(createObjectBuilder().add("jsonrpc", "2.0").add("id", message.get("id"))
                    .add("result", result).build()));
        }
        after.run();
    }

    void onClose(WebSocket ws) {
        if (ws == executor) {
            executor = null;
            cancel(); // the executor is gone: nobody would see the rest of the turn
        }
    }

    private void bootstrapComplete() {
        List<JsonObject> held;
        synchronized (pending) {
            bootstrapped = true;
            held = new ArrayList<>(pending);
            pending.clear();
        }
        held.forEach(this::startTurn);
    }

    private void userMessage(JsonObject params) {
        userMessages.add(params);
        synchronized (pending) {
            if (!bootstrapped) {
                pending.add(params);
                return;
            }
        }
        startTurn(params);
    }

    private void startTurn(JsonObject params) {
        turn = Thread.ofVirtual().name("fake-amp-turn-" + id).start(() -> {
            try {
                new FakeAmpScript(this, params).run();
            } catch (InterruptedException e) {
                // cancelled
            }
        });
    }

    private void cancel() {
        Thread t = turn;
        if (t != null) {
            t.interrupt();
        }
        toolResults.values().forEach(f -> f.cancel(true));
    }

    void close() {
        cancel();
        WebSocket ws = executor;
        if (ws != null) {
            ws.close();
        }
    }

    // ---- what the scripted agent uses ----------------------------------------------------

    /** Sends a notification to the executor connection. */
    void send(String method, JsonObject params) {
        WebSocket ws = executor;
        if (ws != null) {
            ws.send(notification(method, params));
        }
    }

    void agentState(String state, String messageId) {
        var b = createObjectBuilder().add("state", state);
        if (messageId != null) {
            b.add("messageId", messageId);
        }
        send("agent_state", b.build());
    }

    void messageAdded(JsonObject message) {
        send("message_added", createObjectBuilder().add("message", message).add("seq", nextSeq()).build());
    }

    /** Leases a tool call to the executor and waits for its result ({@code run}). */
    JsonObject leaseTool(String toolCallId, String toolName, JsonObject args, String messageId)
            throws InterruptedException {
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        toolResults.put(toolCallId, result);
        send("tool_lease", createObjectBuilder().add("toolCallId", toolCallId).add("toolName", toolName)
                .add("args", args).add("messageId", messageId).build());
        try {
            return result.get(5, TimeUnit.MINUTES).getJsonObject("run");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.CancellationException e) {
            throw new InterruptedException("tool " + toolCallId + " got no result: " + e);
        }
    }

    static String notification(String method, JsonObject params) {
        return Json.print(createObjectBuilder().add("jsonrpc", "2.0").add("method", method).add("params", params)
                .build());
    }

    static String newId(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 22; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String text(JsonArray content) {
        StringBuilder sb = new StringBuilder();
        for (JsonValue v : content) {
            if (v instanceof JsonObject o && "text".equals(o.getString("type", ""))) {
                sb.append(o.getString("text", ""));
            }
        }
        return sb.toString();
    }

    static JsonArray array(JsonValue... values) {
        var b = createArrayBuilder();
        for (JsonValue v : values) {
            b.add(v);
        }
        return b.build();
    }
}
