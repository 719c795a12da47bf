package dev.sandboxagent.core.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON-P toolkit: the cached provider, parse and print, and lenient accessors (a
 * missing, null or differently typed member reads as absent). Strict accessors that fail with a
 * message naming the field are {@link JsonFields}; content blocks of the Messages API shape are
 * {@link ContentBlocks}. Nothing else may call {@code jakarta.json.Json.createX}: each such call
 * looks the provider up through the ServiceLoader (a scan of every jar's META-INF/services),
 * which took half the daemon's time per stream-json line (an ArchUnit rule enforces it).
 */
public final class Jsons {

    /** The JSON-P provider, looked up once. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }

    // ---- parse and print ---------------------------------------------------------------------

    /** @throws JsonException if {@code text} is not one JSON value */
    public static JsonValue parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** @throws JsonException if {@code text} is not one JSON object */
    public static JsonObject parseObjectStrict(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The text as a JSON object, or null when it is not one. */
    public static JsonObject parseObject(String text) {
        try {
            return parse(text) instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * One line of an agent's output as a JSON object that prints as the line itself (see
     * {@link SourcedObject}), or null when the line is not one JSON object.
     */
    public static JsonObject parseLine(String line) {
        try (JsonParser parser = JSON.createParser(new StringReader(line))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            JsonObject parsed = parser.getObject();
            // the line becomes the raw payload as it is, so it must hold this object and nothing else
            return parser.hasNext() ? null : new SourcedObject(parsed, line.strip());
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** Compact JSON; JSON strings escape control characters, so the result is one line. */
    public static String print(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JSON.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }

    /** A JSON string, or JSON null for null. */
    public static JsonValue value(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }

    // ---- lenient accessors -------------------------------------------------------------------

    /** The string member, or null when absent or not a string. */
    public static String string(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    /** The object member, or an empty object when absent or not an object. */
    public static JsonObject object(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonObject v ? v : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The object member, or null when absent or not an object. */
    public static JsonObject objectOrNull(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonObject v ? v : null;
    }

    /** The value as an object, or an empty object when it is not one. */
    public static JsonObject object(JsonValue value) {
        return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    public static JsonObject orEmpty(JsonObject o) {
        return o == null ? JsonValue.EMPTY_JSON_OBJECT : o;
    }

    /** The array member, or an empty array when absent or not an array. */
    public static JsonArray array(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonArray v ? v : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** True only for a member that is JSON {@code true}. */
    public static boolean bool(JsonObject o, String name) {
        return o != null && o.get(name) == JsonValue.TRUE;
    }

    public static Integer integer(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonNumber n ? n.intValue() : null;
    }

    public static Long number(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonNumber n ? n.longValue() : null;
    }

    /** Whether the member is present and not JSON null. */
    public static boolean has(JsonObject o, String name) {
        return value(o, name) != null;
    }

    /** The member, or null when absent or JSON null. */
    public static JsonValue value(JsonObject o, String name) {
        JsonValue v = o == null ? null : o.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    /** The strings of an array member (other elements skipped). */
    public static List<String> strings(JsonObject o, String name) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : array(o, name)) {
            if (v instanceof JsonString s) {
                out.add(s.getString());
            }
        }
        return out;
    }

    /** A JSON value as text: a string as it is, JSON null as empty, anything else printed as JSON. */
    public static String text(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return v instanceof JsonString s ? s.getString() : print(v);
    }

    /** Copies the named members of {@code from} that are present (and not null) into a new object. */
    public static JsonObject pick(JsonObject from, String... names) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (String n : names) {
            JsonValue v = value(from, n);
            if (v != null) {
                b.add(n, v);
            }
        }
        return b.build();
    }
}
