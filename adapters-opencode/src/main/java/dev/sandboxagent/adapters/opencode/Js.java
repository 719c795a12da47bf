package dev.sandboxagent.adapters.opencode;


import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** JSON-P helpers: lenient field access on OpenCode's objects, which may lack any field. */
final class Js {

    static final JsonBuilderFactory BUILDERS = jakarta.json.Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = jakarta.json.Json.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = jakarta.json.Json.createWriterFactory(Map.of());

    private Js() {
    }

    /** @throws jakarta.json.JsonException if {@code text} is not one JSON value */
    static JsonValue parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static String print(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    /** The object at {@code name}, or an empty object when absent or not an object. */
    static JsonObject obj(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonObject x ? x : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonArray arr(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonArray x ? x : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The string at {@code name}, or null when absent or not a string. */
    static String str(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    static Long num(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v instanceof JsonNumber n ? n.longValue() : null;
    }

    static boolean has(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    /** A JSON value as text: strings as they are, anything else printed as JSON. */
    static String text(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return v instanceof JsonString s ? s.getString() : print(v);
    }

    static JsonValue value(String s) {
        return s == null ? JsonValue.NULL : jakarta.json.Json.createValue(s);
    }
}
