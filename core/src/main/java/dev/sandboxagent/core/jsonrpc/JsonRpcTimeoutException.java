package dev.sandboxagent.core.jsonrpc;

import java.time.Duration;

/**
 * No response arrived for a request within the timeout given to
 * {@link JsonRpcPeer#request(String, jakarta.json.JsonValue, Duration)}. A response arriving
 * after that is reported to {@link JsonRpcHandler#onUnparsed} as having an unknown id.
 */
public final class JsonRpcTimeoutException extends JsonRpcException {

    private final String method;
    private final long id;

    public JsonRpcTimeoutException(String method, long id, Duration timeout) {
        super("JSON-RPC request '" + method + "' (id " + id + ") got no response within " + timeout, null);
        this.method = method;
        this.id = id;
    }

    public String method() {
        return method;
    }

    public long id() {
        return id;
    }
}
