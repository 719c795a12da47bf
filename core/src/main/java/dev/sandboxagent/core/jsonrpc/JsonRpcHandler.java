package dev.sandboxagent.core.jsonrpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Receives what the other side of a {@link JsonRpcPeer} sends on its own initiative: requests
 * (answer them with {@link JsonRpcPeer#respond} or {@link JsonRpcPeer#respondError}, possibly
 * later and from another thread), notifications, and lines that are not usable JSON-RPC.
 * Methods are called on the thread feeding {@link JsonRpcPeer#onLine}, in arrival order; they
 * must not block waiting for a response from the same peer, since that response can only arrive
 * through the very thread they are blocking.
 */
public interface JsonRpcHandler {

    /**
     * A request from the other side. If this throws, the peer answers with an internal error.
     *
     * @param id     the request id (number, string or JSON null) to pass back when responding
     * @param params the params, or {@code null} when the message has none
     * @param raw    the whole message, for fields beyond the JSON-RPC ones
     */
    void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw);

    /**
     * A notification (a request without id) from the other side.
     *
     * @param params the params, or {@code null} when the message has none
     */
    void onNotification(String method, JsonValue params, JsonObject raw);

    /**
     * A line that is not JSON, JSON that is not a JSON-RPC message, or a response nobody is
     * waiting for (unknown or already timed out id).
     *
     * @param error why the line was not usable
     */
    void onUnparsed(String line, String error);
}
