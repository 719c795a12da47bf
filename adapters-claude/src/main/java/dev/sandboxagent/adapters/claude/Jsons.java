package dev.sandboxagent.adapters.claude;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;

/** Lenient JSON-P accessors: a missing or differently typed field reads as null / empty. */
final class Jsons {

    /**
     * The JSON-P provider, looked up once: every {@code Json.createX} call looks it up again
     * through ServiceLoader (a scan of every jar's META-INF/services), which took half the
     * daemon's time per stream-json line.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }

    /** The line as a JSON object, or null when it is not one. */
    static JsonObject parseObject(String line) {
        try (JsonReader r = JSON.createReader(new StringReader(line))) {
            JsonValue v = r.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    static String str(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    static JsonObject obj(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonObject v ? v : null;
    }

    static JsonArray arr(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonArray v ? v : JsonValue.EMPTY_JSON_ARRAY;
    }

    static boolean bool(JsonObject o, String name) {
        return o != null && o.get(name) == JsonValue.TRUE;
    }

    static Integer integer(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonNumber n ? n.intValue() : null;
    }

    static JsonObject orEmpty(JsonObject o) {
        return o == null ? JsonValue.EMPTY_JSON_OBJECT : o;
    }

    /** Copies the named fields of {@code from} that are present (and not null) into a new object. */
    static JsonObject pick(JsonObject from, String... names) {
        var b = JSON.createObjectBuilder();
        for (String n : names) {
            JsonValue v = from == null ? null : from.get(n);
            if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
                b.add(n, v);
            }
        }
        return b.build();
    }
}
