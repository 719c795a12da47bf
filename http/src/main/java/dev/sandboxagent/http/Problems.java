package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/** Writes RFC 7807 problem+json bodies typed with the contract's error types, and maps core's failures to statuses. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    /** Made once: each {@code Jsons.JSON.createX} call scans the class path for the JSON-P provider. */
    private static final JsonBuilderFactory BUILDERS = Jsons.JSON.createBuilderFactory(null);

    private Problems() {
    }

    static void send(ServerResponse res, SandboxException e) {
        send(res, e.type(), status(e), e.detail());
    }

    /** The HTTP status of a failure: its kind's where core gave one, else its type's. */
    static int status(SandboxException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case INTERNAL -> 500;
            case UNAVAILABLE -> 503;
            case AS_TYPED -> status(e.type());
        };
    }

    /** The HTTP status that goes with each of the contract's error types. */
    static int status(ErrorType type) {
        return switch (type) {
            case INVALID_REQUEST, UNSUPPORTED_AGENT, MODE_NOT_SUPPORTED -> 400;
            case TOKEN_INVALID -> 401;
            case PERMISSION_DENIED -> 403;
            case AGENT_NOT_INSTALLED, SESSION_NOT_FOUND -> 404;
            case SESSION_ALREADY_EXISTS -> 409;
            case INSTALL_FAILED, AGENT_PROCESS_EXITED -> 500;
            case STREAM_ERROR -> 502;
            case TIMEOUT -> 504;
        };
    }

    static void send(ServerResponse res, ErrorType type, int status, String detail) {
        JsonObjectBuilder b = BUILDERS.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", status);
        if (detail != null) {
            b.add("detail", detail);
        }
        if (res.isSent()) {
            return; // a stream already started; nothing more can be said on this response
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        if (status == 413) {
            // The rest of the body was not read: close rather than leave the client writing into a full socket.
            res.header(HeaderNames.CONNECTION, "close");
        }
        res.send(b.build().toString());
    }
}
