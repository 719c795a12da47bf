package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * {@code session/request_permission} as {@code permission.requested}, and the human's reply back
 * as the agent's option of the matching kind: once → {@code allow_once}, always →
 * {@code allow_always}, reject → {@code reject_once} (each falling back to its sibling kind when
 * the agent does not offer it; with neither, the outcome is {@code cancelled}). Each request is
 * answered exactly once: its entry is removed before answering.
 */
final class AcpPermissions {

    private record Pending(JsonValue rpcId, JsonArray options) {
    }

    private final AgentEventSink sink;
    private final AcpTranslator translator;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile JsonRpcPeer peer;

    AcpPermissions(AgentEventSink sink, AcpTranslator translator) {
        this.sink = sink;
        this.translator = translator;
    }

    void attach(JsonRpcPeer rpc) {
        this.peer = rpc;
    }

    void onRequest(JsonValue id, JsonObject params, JsonObject raw) {
        JsonObject toolCall = Jsons.orEmpty(Jsons.objectOrNull(params, "toolCall"));
        JsonArray options = Jsons.array(params, "options");
        String permissionId = "acp-perm-" + counter.incrementAndGet();
        pending.put(permissionId, new Pending(id, options == null ? JsonValue.EMPTY_JSON_ARRAY : options));
        translator.permissionAsked(toolCall);
        String title = Jsons.string(toolCall, "title");
        String kind = Jsons.string(toolCall, "kind");
        var meta = JSON.createObjectBuilder(Jsons.pick(toolCall, "toolCallId", "title", "kind", "locations",
                "content", "rawInput"));
        if (options != null) {
            meta.add("options", options);
        }
        sink.permissionRequested(permissionId, title != null ? title : kind != null ? kind : "tool", meta.build(), raw);
    }

    void reply(String permissionId, PermissionReply reply) {
        Pending p = pending.remove(permissionId);
        if (p == null) {
            return; // already answered or withdrawn; core refuses unknown ids before we are asked
        }
        List<String> kinds = switch (reply) {
            case ONCE -> List.of("allow_once", "allow_always");
            case ALWAYS -> List.of("allow_always", "allow_once");
            case REJECT -> List.of("reject_once", "reject_always");
        };
        String optionId = null;
        for (String kind : kinds) {
            optionId = p.options().stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v)
                    .filter(o -> kind.equals(Jsons.string(o, "kind"))).map(o -> Jsons.string(o, "optionId"))
                    .findFirst().orElse(null);
            if (optionId != null) {
                break;
            }
        }
        peer.respond(p.rpcId(), optionId == null ? outcome("cancelled", null) : outcome("selected", optionId));
    }

    /** A turn was cancelled: the protocol wants every open request answered {@code cancelled}. */
    void cancelAll(String why) {
        for (String id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                sink.requestWithdrawn(id, why, null);
                if (!peer.isClosed()) {
                    peer.respond(p.rpcId(), outcome("cancelled", null));
                }
            }
        }
    }

    private static JsonObject outcome(String outcome, String optionId) {
        var o = JSON.createObjectBuilder().add("outcome", outcome);
        if (optionId != null) {
            o.add("optionId", optionId);
        }
        return JSON.createObjectBuilder().add("outcome", o).build();
    }
}
