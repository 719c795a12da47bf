package dev.sandboxagent.adapters.amp;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** Parsing and printing of single-line JSON; the factories are looked up once. */
final class AmpJson {

    static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = Json.createWriterFactory(Map.of());

    private AmpJson() {
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
}
