package dev.sandboxagent.core.error;

import java.util.Objects;

/**
 * A failure the caller can act on, typed with the contract's {@link ErrorType} and, where the
 * type alone does not say it, an {@link ErrorKind} (an unknown permission id is an
 * invalid_request of kind {@link ErrorKind#NOT_FOUND}, an already answered one of kind
 * {@link ErrorKind#CONFLICT}). The http module turns it into a problem+json response with the
 * status that goes with both; embedders catch it directly.
 */
public class SandboxException extends RuntimeException {

    private final ErrorType type;
    private final ErrorKind kind;

    public SandboxException(ErrorType type, String detail) {
        this(type, ErrorKind.AS_TYPED, detail, null);
    }

    public SandboxException(ErrorType type, String detail, Throwable cause) {
        this(type, ErrorKind.AS_TYPED, detail, cause);
    }

    public SandboxException(ErrorType type, ErrorKind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.type = Objects.requireNonNull(type);
        this.kind = Objects.requireNonNull(kind);
    }

    public ErrorType type() {
        return type;
    }

    public ErrorKind kind() {
        return kind;
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

    /** An invalid request naming something that does not exist. */
    public static SandboxException notFound(String detail, Throwable cause) {
        return new SandboxException(ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND, detail, cause);
    }

    /** An invalid request that clashes with the present state. */
    public static SandboxException conflict(String detail, Throwable cause) {
        return new SandboxException(ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT, detail, cause);
    }

    /** An invalid request larger than a limit. */
    public static SandboxException tooLarge(String detail) {
        return new SandboxException(ErrorType.INVALID_REQUEST, ErrorKind.TOO_LARGE, detail, null);
    }
}
