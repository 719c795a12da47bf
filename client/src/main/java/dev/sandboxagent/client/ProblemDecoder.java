package dev.sandboxagent.client;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.WireEnum;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Turns an error answer of the daemon into the {@link SandboxException} the engine throws in
 * process: the problem+json {@code type} ({@code urn:sandbox-agent:error:<type>}) gives the
 * {@link ErrorType}, {@code status} and {@code detail} are kept. An error answer that is not
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
                    return new SandboxException(type.get(), status, detail, null);
                }
                return new SandboxException(byStatus(status), status, "HTTP " + status + ": "
                        + (detail != null ? detail : body), null);
            }
        }
        String snippet = body == null ? "" : body.strip();
        if (snippet.length() > 200) {
            snippet = snippet.substring(0, 200) + "...";
        }
        return new SandboxException(byStatus(status), status, "the daemon answered HTTP " + status
                + " without a problem+json body" + (snippet.isEmpty() ? "" : ": " + snippet), null);
    }

    /** The error type that goes with a bare status; stream_error when none or several do. */
    private static ErrorType byStatus(int status) {
        return switch (status) {
            case 400, 413 -> ErrorType.INVALID_REQUEST;
            case 401 -> ErrorType.TOKEN_INVALID;
            case 403 -> ErrorType.PERMISSION_DENIED;
            case 504 -> ErrorType.TIMEOUT;
            default -> Arrays.stream(ErrorType.values()).filter(t -> t.status() == status).count() == 1
                    ? Arrays.stream(ErrorType.values()).filter(t -> t.status() == status).findFirst().orElseThrow()
                    : ErrorType.STREAM_ERROR;
        };
    }

    private static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
