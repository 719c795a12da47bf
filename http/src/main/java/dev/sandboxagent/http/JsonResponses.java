package dev.sandboxagent.http;

import dev.sandboxagent.core.schema.json.SchemaJsonb;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;

/** Sends JSON bodies mapped with JSON-B (camelCase records, nulls omitted) and empty 204s. */
final class JsonResponses {

    private JsonResponses() {
    }

    /**
     * Thread-safe and costly to build (JSON-B provider lookup, Yasson's set-up): one for the whole
     * server, made on first use, so that the raw responses (e.g. /v1/health right after start-up)
     * do not wait for it.
     */
    private static final class Mapper {
        static final Jsonb JSONB = SchemaJsonb.create();
    }

    static void json(ServerResponse res, Object body) {
        raw(res, Mapper.JSONB.toJson(body));
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
