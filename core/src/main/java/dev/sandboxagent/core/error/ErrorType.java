package dev.sandboxagent.core.error;

import dev.sandboxagent.core.schema.WireEnum;

/** The contract's error types and the HTTP status each one maps to. */
public enum ErrorType implements WireEnum {
    INVALID_REQUEST("invalid_request", 400, "Invalid request"),
    UNSUPPORTED_AGENT("unsupported_agent", 400, "Unsupported agent"),
    AGENT_NOT_INSTALLED("agent_not_installed", 404, "Agent not installed"),
    INSTALL_FAILED("install_failed", 500, "Installation failed"),
    AGENT_PROCESS_EXITED("agent_process_exited", 500, "Agent process exited"),
    TOKEN_INVALID("token_invalid", 401, "Token invalid"),
    PERMISSION_DENIED("permission_denied", 403, "Permission denied"),
    SESSION_NOT_FOUND("session_not_found", 404, "Session not found"),
    SESSION_ALREADY_EXISTS("session_already_exists", 409, "Session already exists"),
    MODE_NOT_SUPPORTED("mode_not_supported", 400, "Mode not supported"),
    STREAM_ERROR("stream_error", 502, "Stream error"),
    TIMEOUT("timeout", 504, "Timeout");

    private final String wire;
    private final int status;
    private final String title;

    ErrorType(String wire, int status, String title) {
        this.wire = wire;
        this.status = status;
        this.title = title;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The HTTP status that goes with this type. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem+json {@code type} URI. */
    public String uri() {
        return "urn:sandbox-agent:error:" + wire;
    }
}
