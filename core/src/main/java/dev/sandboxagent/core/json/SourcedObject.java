package dev.sandboxagent.core.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.AbstractMap;
import java.util.Set;

/**
 * A JSON object parsed from one line of an agent's output that remembers that line: it reads
 * like the parsed object, and prints as the agent's own text. Events keep an agent's message as
 * their {@code raw} payload; writing it out again (for the log on disk, for {@code include_raw})
 * is then a copy of the line instead of a second encoding of the whole message, which cost a
 * quarter of the daemon's CPU per Claude event. Made by {@link Jsons#parseLine}.
 */
public final class SourcedObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private final JsonObject parsed;
    private final String source;

    SourcedObject(JsonObject parsed, String source) {
        this.parsed = parsed;
        this.source = source;
    }

    /** The text this object was parsed from (one JSON object, no surrounding blanks). */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return parsed.entrySet();
    }

    @Override
    public JsonValue get(Object key) {
        return parsed.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return parsed.containsKey(key);
    }

    @Override
    public int size() {
        return parsed.size();
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return parsed.getJsonArray(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return parsed.getJsonObject(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return parsed.getJsonNumber(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return parsed.getJsonString(name);
    }

    @Override
    public String getString(String name) {
        return parsed.getString(name);
    }

    @Override
    public String getString(String name, String defaultValue) {
        return parsed.getString(name, defaultValue);
    }

    @Override
    public int getInt(String name) {
        return parsed.getInt(name);
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return parsed.getInt(name, defaultValue);
    }

    @Override
    public boolean getBoolean(String name) {
        return parsed.getBoolean(name);
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        return parsed.getBoolean(name, defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        return parsed.isNull(name);
    }
}
