package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.testing.MockEngine;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast event reader gives exactly what the tree-based codec gives, for every kind of event. */
class EventJsonDecoderTest {

    @TempDir
    Path dir;

    @Test
    void everyEventOfTheMockReadsBackEqual() {
        MockEngine mock = new MockEngine(dir);
        mock.create("s");
        for (String m : List.of("help", "text hi", "stream a \"quoted\" \\ back\nslash", "tool", "reasoning", "status",
                "error", "markdown", "image", "unknown", "burst 5", "zażółć 😀 \u0001")) {
            mock.turn("s", m);
        }
        mock.engine.terminate("s");
        List<UniversalEvent> events = mock.engine.events("s", 0, 10_000).events();
        assertThat(events).hasSizeGreaterThan(50);
        for (UniversalEvent e : events) {
            for (boolean raw : new boolean[] {true, false}) {
                String json = SchemaJson.toJson(e, raw).toString();
                UniversalEvent fast = EventJsonDecoder.decode(json);
                assertThat(fast).as(json).isEqualTo(SchemaJson.eventFromJson(tree(json)));
                assertThat(fast).as(json).isEqualTo(raw ? e : e.withoutRaw());
            }
        }
        mock.engine.shutdown();
    }

    @Test
    void spacingNumbersAndFieldOrderDoNotMatter() {
        String json = """
                { "raw" : {"n": [1, -2.50, 3e2, true, null, {}], "s": "\\u00e9\\/"}, "data": {"delta": "x", "item_id": "i",
                  "extra": [1]}, "type": "item.delta", "source": "agent", "synthetic": true, "session_id": "s",
                  "time": "t", "sequence": 7, "event_\\u0069d": "e" }
                """;
        assertThat(EventJsonDecoder.decode(json)).isEqualTo(SchemaJson.eventFromJson(tree(json)));
    }

    @Test
    void malformedOrIncompleteEventsAreRefused() {
        for (String bad : List.of("", "{", "{\"type\":\"item.delta\"", "[]", "{} x",
                "{\"event_id\":\"e\",\"sequence\":1,\"time\":\"t\",\"session_id\":\"s\",\"source\":\"agent\","
                        + "\"type\":\"nope\",\"data\":{}}",
                "{\"event_id\":\"e\",\"time\":\"t\",\"session_id\":\"s\",\"source\":\"agent\",\"type\":\"item.delta\","
                        + "\"data\":{\"item_id\":\"i\",\"delta\":\"d\"}}",
                "{\"event_id\":\"e\",\"sequence\":1.5,\"time\":\"t\",\"session_id\":\"s\",\"source\":\"agent\","
                        + "\"type\":\"item.delta\",\"data\":{\"item_id\":\"i\",\"delta\":\"d\"}}",
                "{\"event_id\":\"e\",\"sequence\":1,\"time\":\"t\",\"session_id\":\"s\",\"source\":\"agent\","
                        + "\"type\":\"item.delta\",\"data\":{\"item_id\":\"i\"}}")) {
            assertThatThrownBy(() -> EventJsonDecoder.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static JsonObject tree(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
