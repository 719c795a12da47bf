package dev.sandboxagent.core.jsonrpc;

import jakarta.json.JsonValue;

/**
 * The other side answered a request with a JSON-RPC {@code error} object; its code, message and
 * optional data are kept as sent.
 */
public final class JsonRpcErrorException extends JsonRpcException {

    private final int code;
    private final String errorMessage;
    private final transient JsonValue data;

    public JsonRpcErrorException(int code, String errorMessage, JsonValue data) {
        super("JSON-RPC error " + code + ": " + errorMessage, null);
        this.code = code;
        this.errorMessage = errorMessage;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** The {@code message} member of the error object. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The {@code data} member of the error object, or {@code null} if absent. */
    public JsonValue data() {
        return data;
    }
}
