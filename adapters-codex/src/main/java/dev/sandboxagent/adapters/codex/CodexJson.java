package dev.sandboxagent.adapters.codex;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lenient accessors for codex's JSON: a missing, null or mistyped member reads as absent. */
final class CodexJson {

    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private CodexJson() {
    }

    static JsonObject parse(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static JsonObject object(JsonValue value) {
        return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonObject object(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject v ? v : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonArray array(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonArray v ? v : JsonValue.EMPTY_JSON_ARRAY;
    }

    static String string(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonString v ? v.getString() : null;
    }

    static Long number(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonNumber v ? v.longValue() : null;
    }

    static boolean bool(JsonObject o, String key) {
        return o != null && o.get(key) == JsonValue.TRUE;
    }

    /** The value, or null when absent or JSON null. */
    static JsonValue value(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v == null || v == JsonValue.NULL ? null : v;
    }

    /** The strings of an array member (other elements skipped). */
    static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : array(o, key)) {
            if (v instanceof JsonString s) {
                out.add(s.getString());
            }
        }
        return out;
    }

    static JsonValue of(String s) {
        return s == null ? JsonValue.NULL : Json.createValue(s);
    }
}
