package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcErrorCodes;
import dev.sandboxagent.core.jsonrpc.JsonRpcHandler;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What the agent sends us on its own: {@code session/update} notifications go to the translator,
 * permission requests to {@link AcpPermissions}, file requests to {@link AcpFiles} (when we
 * offered them); any other request is answered "method not found" (we advertise nothing else),
 * and any other notification or unusable line is {@code agent.unparsed}.
 */
final class AcpInbound implements JsonRpcHandler {

    private final AgentEventSink sink;
    private final AcpTranslator translator;
    private final AcpPermissions permissions;
    private final AcpFiles files; // null: not offered
    private volatile JsonRpcPeer peer;

    AcpInbound(AgentEventSink sink, AcpTranslator translator, AcpPermissions permissions, AcpFiles files) {
        this.sink = sink;
        this.translator = translator;
        this.permissions = permissions;
        this.files = files;
    }

    void attach(JsonRpcPeer rpc) {
        this.peer = rpc;
    }

    @Override
    public void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw) {
        JsonObject p = params instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        switch (method) {
            case "session/request_permission" -> permissions.onRequest(id, p, raw);
            case "fs/read_text_file" -> answer(id, method, files == null ? null : files.read(p));
            case "fs/write_text_file" -> answer(id, method, files == null ? null : files.write(p));
            default -> peer.respondError(id, JsonRpcErrorCodes.METHOD_NOT_FOUND, "method not found: " + method, null);
        }
    }

    private void answer(JsonValue id, String method, AcpFiles.Answer answer) {
        if (answer == null) {
            peer.respondError(id, JsonRpcErrorCodes.METHOD_NOT_FOUND, method + " was not offered", null);
        } else if (answer.failed()) {
            peer.respondError(id, answer.errorCode(), answer.errorMessage(), null);
        } else {
            peer.respond(id, answer.result());
        }
    }

    @Override
    public void onNotification(String method, JsonValue params, JsonObject raw) {
        if ("session/update".equals(method) && params instanceof JsonObject p) {
            translator.onUpdate(p, raw, Jsons.print(raw));
        } else {
            sink.unparsed("unknown notification '" + method + "'", method, Jsons.print(raw));
        }
    }

    @Override
    public void onUnparsed(String line, String error) {
        sink.unparsed(error, "stdout", line);
    }
}
