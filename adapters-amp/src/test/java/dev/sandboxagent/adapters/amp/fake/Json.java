package dev.sandboxagent.adapters.amp.fake;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

import java.io.StringReader;
import java.io.StringWriter;

/** Parsing and printing JSON for the fake server. */
final class Json {

    private Json() {
    }

    static JsonObject parse(String text) {
        try (JsonReader r = jakarta.json.Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static String print(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = jakarta.json.Json.createWriter(out)) {
            w.write(value);
        }
        return out.toString();
    }
}
