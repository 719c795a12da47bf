package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/** Writes RFC 7807 problem+json bodies typed with the contract's error types. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    /** Made once: each {@code Jsons.JSON.createX} call scans the class path for the JSON-P provider. */
    private static final JsonBuilderFactory BUILDERS = Jsons.JSON.createBuilderFactory(null);

    private Problems() {
    }

    static void send(ServerResponse res, SandboxException e) {
        send(res, e.type(), e.status(), e.detail());
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
