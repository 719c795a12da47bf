package dev.sandboxagent.core.error;

import dev.sandboxagent.core.schema.WireEnum;

/**
 * The contract's error types: the problem {@code type} each failure carries on the wire. Which
 * HTTP status goes with each is the http module's business.
 */
public enum ErrorType implements WireEnum {
    INVALID_REQUEST("invalid_request", "Invalid request"),
    UNSUPPORTED_AGENT("unsupported_agent", "Unsupported agent"),
    AGENT_NOT_INSTALLED("agent_not_installed", "Agent not installed"),
    INSTALL_FAILED("install_failed", "Installation failed"),
    AGENT_PROCESS_EXITED("agent_process_exited", "Agent process exited"),
    TOKEN_INVALID("token_invalid", "Token invalid"),
    PERMISSION_DENIED("permission_denied", "Permission denied"),
    SESSION_NOT_FOUND("session_not_found", "Session not found"),
    SESSION_ALREADY_EXISTS("session_already_exists", "Session already exists"),
    MODE_NOT_SUPPORTED("mode_not_supported", "Mode not supported"),
    STREAM_ERROR("stream_error", "Stream error"),
    TIMEOUT("timeout", "Timeout");

    private final String wire;
    private final String title;

    ErrorType(String wire, String title) {
        this.wire = wire;
        this.title = title;
    }

    @Override
    public String wire() {
        return wire;
    }

    public String title() {
        return title;
    }

    /** The problem+json {@code type} URI. */
    public String uri() {
        return "urn:sandbox-agent:error:" + wire;
    }
}
