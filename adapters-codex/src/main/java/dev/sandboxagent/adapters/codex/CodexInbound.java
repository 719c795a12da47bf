package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcHandler;
import dev.sandboxagent.core.spi.AgentEventSink;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Routes what the app-server sends: requests to {@link CodexRequests}, notifications to the translator. */
final class CodexInbound implements JsonRpcHandler {

    private final AgentEventSink sink;
    private final CodexTranslator translator;
    private final CodexRequests requests;

    CodexInbound(AgentEventSink sink, CodexTranslator translator, CodexRequests requests) {
        this.sink = sink;
        this.translator = translator;
        this.requests = requests;
    }

    @Override
    public void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw) {
        requests.onRequest(id, method, Jsons.object(params), raw);
    }

    @Override
    public void onNotification(String method, JsonValue params, JsonObject raw) {
        translator.onNotification(method, Jsons.object(params), raw);
    }

    @Override
    public void onUnparsed(String line, String error) {
        sink.unparsed(error, "stdout", line);
    }
}
