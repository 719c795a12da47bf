package dev.sandboxagent.http;

import dev.sandboxagent.core.json.SchemaJsonb;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;

/** Sends JSON bodies mapped with JSON-B (camelCase records, nulls omitted) and empty 204s. */
final class JsonResponses {

    // Thread-safe and costly to build: one for the whole server.
    private static final Jsonb JSONB = SchemaJsonb.create();

    private JsonResponses() {
    }

    static void json(ServerResponse res, Object body) {
        raw(res, JSONB.toJson(body));
    }

    static void raw(ServerResponse res, String json) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json);
    }

    static void raw(ServerResponse res, byte[] json) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json);
    }

    static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }
}
