package dev.sandboxagent.core.jsonrpc;

/**
 * Base of the exceptions with which a {@link JsonRpcPeer} request future fails, so that callers
 * can catch every JSON-RPC failure at once and the specific kinds separately.
 */
public abstract sealed class JsonRpcException extends RuntimeException
        permits JsonRpcErrorException, JsonRpcTimeoutException, JsonRpcClosedException {

    JsonRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
