package dev.sandboxagent.core.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** Small typed accessors for JSON-P objects that fail with a message naming the field. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String requireString(JsonObject o, String name) {
        String s = optString(o, name);
        if (s == null) {
            throw new IllegalArgumentException("missing string field '" + name + "'");
        }
        return s;
    }

    public static String optString(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException("field '" + name + "' must be a string");
    }

    public static Long optLong(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new IllegalArgumentException("field '" + name + "' is out of range", tooLarge);
            }
        }
        throw new IllegalArgumentException("field '" + name + "' must be an integer");
    }

    public static boolean optBoolean(JsonObject o, String name, boolean fallback) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw new IllegalArgumentException("field '" + name + "' must be a boolean");
    }

    public static JsonObject requireObject(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonObject obj) {
            return obj;
        }
        throw new IllegalArgumentException("field '" + name + "' must be an object");
    }

    public static JsonObject optObject(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonObject obj) {
            return obj;
        }
        throw new IllegalArgumentException("field '" + name + "' must be an object");
    }

    /** The value, or null for absent or JSON null. */
    public static JsonValue optValue(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    public static List<String> optStringList(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException("field '" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonValue e : a) {
            if (!(e instanceof JsonString s)) {
                throw new IllegalArgumentException("field '" + name + "' must be an array of strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    /** Adds {@code name} only when {@code value} is not null (the contract omits nulls). */
    public static void putIfPresent(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    public static void putIfPresent(JsonObjectBuilder b, String name, JsonValue value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    public static void putIfPresent(JsonObjectBuilder b, String name, Number value) {
        if (value != null) {
            b.add(name, value.longValue());
        }
    }
}
