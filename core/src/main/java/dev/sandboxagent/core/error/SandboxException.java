package dev.sandboxagent.core.error;

import java.util.Objects;

/**
 * A failure the caller can act on, typed with the contract's {@link ErrorType}. The http
 * module turns it into a problem+json response; embedders catch it directly.
 * {@code status} is usually the type's own; a few documented cases differ (an unknown
 * permission id is 404, an already answered one 409, both typed invalid_request).
 */
public class SandboxException extends RuntimeException {

    private final ErrorType type;
    private final int status;

    public SandboxException(ErrorType type, String detail) {
        this(type, type.status(), detail, null);
    }

    public SandboxException(ErrorType type, int status, String detail, Throwable cause) {
        super(detail, cause);
        this.type = Objects.requireNonNull(type);
        this.status = status;
    }

    public ErrorType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public static SandboxException invalid(String detail) {
        return new SandboxException(ErrorType.INVALID_REQUEST, detail);
    }

    public static SandboxException sessionNotFound(String sessionId) {
        return new SandboxException(ErrorType.SESSION_NOT_FOUND, "no session with id '" + sessionId + "'");
    }
}
