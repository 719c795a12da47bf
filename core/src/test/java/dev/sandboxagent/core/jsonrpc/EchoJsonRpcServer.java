package dev.sandboxagent.core.jsonrpc;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted JSON-RPC server for tests, run as a real subprocess: reads one message per stdin
 * line and answers on stdout. Methods: {@code echo} (result = params), {@code fail} (error
 * -32042 with params as data), {@code ask} (first asks the client {@code approve} and answers
 * with the client's result), {@code stream} (params.count notifications {@code tick}, without
 * the "jsonrpc" member as Codex sends them, then the count), {@code garbage} (a non-JSON line,
 * a non-JSON-RPC object and a response with an unknown id, then "ok"), {@code hold} (no answer
 * until {@code release}, which answers all held requests in reverse order, each with its own
 * id and params), {@code notes}
 * (the params of every {@code note} notification received so far), {@code silent} (never
 * answers) and {@code exit} (exits with params.code without answering).
 */
public final class EchoJsonRpcServer {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final Map<String, JsonValue> asks = new HashMap<>();
    private final Deque<JsonObject> held = new ArrayDeque<>();
    private final List<JsonValue> notes = new ArrayList<>();
    private int askCounter;

    public static void main(String[] args) throws Exception {
        EchoJsonRpcServer server = new EchoJsonRpcServer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            server.handle(Json.createReader(new java.io.StringReader(line)).readObject());
        }
    }

    private void handle(JsonObject message) {
        JsonValue id = message.get("id");
        if (!message.containsKey("method")) {
            answerAsk(id, message);
            return;
        }
        String method = message.getString("method");
        JsonValue params = message.getOrDefault("params", JsonValue.NULL);
        if (id == null) {
            if (method.equals("note")) {
                notes.add(params);
            }
            return;
        }
        switch (method) {
            case "echo" -> result(id, params);
            case "fail" -> send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                    .add("error", Json.createObjectBuilder().add("code", -32042)
                            .add("message", "failed on purpose").add("data", params)));
            case "ask" -> {
                String askId = "srv-" + (++askCounter);
                asks.put(askId, id);
                send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", askId)
                        .add("method", "approve").add("params", params));
            }
            case "stream" -> {
                int count = params.asJsonObject().getInt("count");
                for (int i = 1; i <= count; i++) {
                    send(Json.createObjectBuilder().add("method", "tick")
                            .add("params", Json.createObjectBuilder().add("n", i)));
                }
                result(id, Json.createValue(count));
            }
            case "garbage" -> {
                OUT.println("this is not json {");
                OUT.println("{\"hello\":\"world\"}");
                OUT.println("{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":true}");
                result(id, Json.createValue("ok"));
            }
            case "hold" -> held.push(Json.createObjectBuilder().add("id", id).add("params", params).build());
            case "release" -> {
                int count = held.size();
                while (!held.isEmpty()) {
                    JsonObject request = held.pop();
                    result(request.get("id"), request);
                }
                result(id, Json.createValue(count));
            }
            case "notes" -> result(id, Json.createArrayBuilder(notes).build());
            case "silent" -> { }
            case "exit" -> System.exit(params.asJsonObject().getInt("code"));
            default -> send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                    .add("error", Json.createObjectBuilder().add("code", -32601).add("message", "no " + method)));
        }
    }

    private void answerAsk(JsonValue id, JsonObject response) {
        JsonValue original = asks.remove(((jakarta.json.JsonString) id).getString());
        JsonValue answer = response.containsKey("error") ? response.get("error") : response.get("result");
        result(original, Json.createObjectBuilder().add("clientSaid", answer).build());
    }

    private static void result(JsonValue id, JsonValue result) {
        send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("result", result));
    }

    private static void send(JsonObjectBuilder message) {
        OUT.println(message.build());
    }
}
