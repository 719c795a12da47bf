package dev.sandboxagent.client;

import dev.sandboxagent.core.schema.json.SchemaJsonb;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * The client's JSON: the port's records with the same JSON-B set-up the daemon writes them with
 * ({@link SchemaJsonb}), and JSON-P for everything read field by field. Both are made once:
 * each lookup scans the class path for the provider.
 */
final class Json {

    static final Jsonb JSONB = SchemaJsonb.create();
    private static final JsonReaderFactory READERS = jakarta.json.Json.createReaderFactory(null);

    private Json() {
    }

    static String write(Object value) {
        return JSONB.toJson(value);
    }

    static <T> T read(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    /** The records in the array field {@code field} of the object {@code json}. */
    static <T> List<T> list(String json, String field, Class<T> type) {
        return object(json).getJsonArray(field).stream().map(v -> JSONB.fromJson(v.toString(), type)).toList();
    }

    static JsonObject object(String json) {
        try (var r = READERS.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    static jakarta.json.JsonArray array(String json) {
        try (var r = READERS.createReader(new StringReader(json))) {
            return r.readArray();
        }
    }

    static Optional<JsonObject> tryObject(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try (var r = READERS.createReader(new StringReader(json))) {
            JsonValue v = r.readValue();
            return v instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
