package dev.sandboxagent.client;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.WireEnum;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * Turns an error answer of the daemon into the {@link SandboxException} the engine throws in
 * process: the problem+json {@code type} ({@code urn:sandbox-agent:error:<type>}) gives the
 * {@link ErrorType}, the status the {@link ErrorKind}, and {@code detail} is kept. An error answer that is not
 * problem+json (a proxy's page, say) is typed from its status alone.
 */
final class ProblemDecoder {

    private static final String TYPE_PREFIX = "urn:sandbox-agent:error:";

    private ProblemDecoder() {
    }

    static SandboxException decode(int status, String contentType, String body) {
        if (contentType != null && contentType.contains("json")) {
            Optional<JsonObject> problem = Json.tryObject(body);
            if (problem.isPresent()) {
                JsonObject p = problem.get();
                String detail = string(p, "detail");
                Optional<ErrorType> type = Optional.ofNullable(string(p, "type"))
                        .filter(t -> t.startsWith(TYPE_PREFIX))
                        .flatMap(t -> WireEnum.fromWire(ErrorType.class, t.substring(TYPE_PREFIX.length())));
                if (type.isPresent()) {
                    return new SandboxException(type.get(), kind(type.get(), status), detail, null);
                }
                return new SandboxException(byStatus(status), kind(byStatus(status), status), "HTTP " + status + ": "
                        + (detail != null ? detail : body), null);
            }
        }
        String snippet = body == null ? "" : body.strip();
        if (snippet.length() > 200) {
            snippet = snippet.substring(0, 200) + "...";
        }
        return new SandboxException(byStatus(status), kind(byStatus(status), status), "the daemon answered HTTP " + status
                + " without a problem+json body" + (snippet.isEmpty() ? "" : ": " + snippet), null);
    }

    /** The error type that goes with a bare status; stream_error when none or several do. */
    private static ErrorType byStatus(int status) {
        return switch (status) {
            case 400, 413 -> ErrorType.INVALID_REQUEST;
            case 401 -> ErrorType.TOKEN_INVALID;
            case 403 -> ErrorType.PERMISSION_DENIED;
            case 409 -> ErrorType.SESSION_ALREADY_EXISTS;
            case 504 -> ErrorType.TIMEOUT;
            default -> ErrorType.STREAM_ERROR; // 404 and 500 go with two types each, 502 with stream_error
        };
    }

    /**
     * The error kind the daemon's status says beside the type: the inverse of the http module's
     * mapping (an invalid_request answered 404 is not found, 409 a conflict, 413 too large; a
     * stream_error answered 500 is internal; 503 is unavailable); anything else is as typed.
     */
    private static ErrorKind kind(ErrorType type, int status) {
        if (status == 413) {
            return ErrorKind.TOO_LARGE;
        }
        if (type == ErrorType.INVALID_REQUEST && status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (type == ErrorType.INVALID_REQUEST && status == 409) {
            return ErrorKind.CONFLICT;
        }
        if (status == 503) {
            return ErrorKind.UNAVAILABLE;
        }
        return type == ErrorType.STREAM_ERROR && status == 500 ? ErrorKind.INTERNAL : ErrorKind.AS_TYPED;
    }

    private static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
