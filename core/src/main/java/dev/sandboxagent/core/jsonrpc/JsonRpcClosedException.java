package dev.sandboxagent.core.jsonrpc;

/**
 * The peer was closed (typically because the agent process exited) before a response arrived,
 * or a message was sent after closing. The cause, if any, says why the peer was closed.
 */
public final class JsonRpcClosedException extends JsonRpcException {

    public JsonRpcClosedException(String message, Throwable cause) {
        super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
