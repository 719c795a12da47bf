package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcErrorCodes;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static dev.sandboxagent.core.json.Jsons.array;
import static dev.sandboxagent.core.json.Jsons.object;
import static dev.sandboxagent.core.json.Jsons.string;
import static dev.sandboxagent.core.json.Jsons.value;

/**
 * The app-server's requests to us (approvals, questions) as permission and question events, and
 * the human's answers back as JSON-RPC results. Each request is answered exactly once: the
 * pending entry is removed before answering, so a second answer finds nothing.
 */
final class CodexRequests {

    static final String COMMAND_APPROVAL = "item/commandExecution/requestApproval";
    static final String FILE_APPROVAL = "item/fileChange/requestApproval";
    static final String PERMISSIONS_APPROVAL = "item/permissions/requestApproval";
    static final String USER_INPUT = "item/tool/requestUserInput";

    private record Pending(JsonValue rpcId, String method, JsonObject params) {
    }

    private final AgentEventSink sink;
    private final CodexTranslator translator;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile JsonRpcPeer peer;

    CodexRequests(AgentEventSink sink, CodexTranslator translator) {
        this.sink = sink;
        this.translator = translator;
    }

    void attach(JsonRpcPeer rpc) {
        this.peer = rpc;
    }

    void onRequest(JsonValue id, String method, JsonObject params, JsonObject raw) {
        switch (method) {
            case COMMAND_APPROVAL -> {
                String pid = register("perm", id, method, params);
                sink.permissionRequested(pid, "command_execution", metadata(params, "itemId", "command", "cwd",
                        "reason", "commandActions"), raw);
            }
            case FILE_APPROVAL -> {
                String pid = register("perm", id, method, params);
                JsonObjectBuilder meta = JSON.createObjectBuilder(metadata(params, "itemId", "reason", "grantRoot"));
                JsonObject item = translator.runningItem(string(params, "itemId"));
                if (item != null) {
                    meta.add("changes", array(item, "changes"));
                }
                sink.permissionRequested(pid, "apply_patch", meta.build(), raw);
            }
            case PERMISSIONS_APPROVAL -> {
                String pid = register("perm", id, method, params);
                sink.permissionRequested(pid, "permissions", metadata(params, "itemId", "reason", "cwd",
                        "permissions"), raw);
            }
            case USER_INPUT -> question(id, params, raw);
            case "mcpServer/elicitation/request" -> {
                // No client-side form support: decline, and say so.
                peer.respond(id, JSON.createObjectBuilder().add("action", "decline").build());
                sink.error("an MCP server asked for input (elicitation), which this adapter declines", "unsupported",
                        params, raw);
            }
            default -> peer.respondError(id, JsonRpcErrorCodes.METHOD_NOT_FOUND,
                    "the sandbox-agent daemon does not handle '" + method + "'", null);
        }
    }

    private void question(JsonValue id, JsonObject params, JsonObject raw) {
        String qid = register("question", id, USER_INPUT, params);
        List<JsonObject> questions = array(params, "questions").stream().map(Jsons::object).toList();
        List<String> options = new ArrayList<>();
        String prompt;
        if (questions.size() == 1) {
            prompt = string(questions.getFirst(), "question");
            for (JsonValue o : array(questions.getFirst(), "options")) {
                String label = string(object(o), "label");
                if (label != null) {
                    options.add(label);
                }
            }
        } else {
            List<String> lines = new ArrayList<>();
            for (JsonObject q : questions) {
                List<String> labels = array(q, "options").stream().map(o -> string(object(o), "label")).toList();
                lines.add(string(q, "question") + (labels.isEmpty() ? "" : " (" + String.join(" / ", labels) + ")"));
            }
            prompt = String.join("\n", lines);
        }
        sink.questionRequested(qid, prompt == null || prompt.isBlank() ? "codex asks for input" : prompt, options, raw);
    }

    private String register(String prefix, JsonValue rpcId, String method, JsonObject params) {
        String id = "codex_" + prefix + "_" + counter.incrementAndGet();
        pending.put(id, new Pending(rpcId, method, params));
        return id;
    }

    void replyPermission(String permissionId, PermissionReply reply) {
        Pending p = take(permissionId);
        JsonValue result;
        if (PERMISSIONS_APPROVAL.equals(p.method())) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            if (reply == PermissionReply.REJECT) {
                b.add("permissions", JsonValue.EMPTY_JSON_OBJECT);
            } else {
                b.add("permissions", object(p.params(), "permissions"))
                        .add("scope", reply == PermissionReply.ALWAYS ? "session" : "turn");
            }
            result = b.build();
        } else {
            String decision = switch (reply) {
                case ONCE -> "accept";
                case ALWAYS -> "acceptForSession";
                case REJECT -> "decline";
            };
            result = JSON.createObjectBuilder().add("decision", decision).build();
        }
        peer.respond(p.rpcId(), result);
    }

    /** One answer list per question asked, in order; a missing list leaves that question unanswered. */
    void replyQuestion(String questionId, List<List<String>> answers) {
        Pending p = take(questionId);
        JsonObjectBuilder byId = JSON.createObjectBuilder();
        List<JsonObject> questions = array(p.params(), "questions").stream().map(Jsons::object).toList();
        for (int i = 0; i < questions.size() && i < answers.size(); i++) {
            String qid = string(questions.get(i), "id");
            if (qid != null) {
                byId.add(qid, JSON.createObjectBuilder().add("answers", JSON.createArrayBuilder(answers.get(i))));
            }
        }
        peer.respond(p.rpcId(), JSON.createObjectBuilder().add("answers", byId).build());
    }

    /** Codex has no "declined" answer: no answers is what the model then sees (as for a JSON-RPC error). */
    void rejectQuestion(String questionId) {
        Pending p = take(questionId);
        peer.respond(p.rpcId(), JSON.createObjectBuilder().add("answers", JsonValue.EMPTY_JSON_OBJECT).build());
    }

    /** Requests of an ended turn can no longer be answered (codex resolved them itself). */
    void forgetAll() {
        pending.clear();
    }

    private Pending take(String id) {
        Pending p = pending.remove(id);
        if (p == null) {
            throw new IllegalStateException("codex has no pending request '" + id + "' (already answered or its turn ended)");
        }
        return p;
    }

    private static JsonObject metadata(JsonObject params, String... keys) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (String k : keys) {
            JsonValue v = value(params, k);
            if (v != null) {
                b.add(k, v);
            }
        }
        return b.build();
    }
}
