package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-written examples of the contract's UniversalEvent JSON, one per event type and content
 * part variant: each must read into the schema and write back to exactly the same JSON
 * (field names, enum spellings, nulls omitted), both through SchemaJson and through JSON-B.
 */
class SchemaJsonTest {

    static final String HEAD = "\"event_id\":\"evt_1\",\"sequence\":7,\"time\":\"2026-11-27T10:00:00.123Z\",\"session_id\":\"s1\",";

    @ParameterizedTest
    @ValueSource(strings = {
            "{" + HEAD + "\"native_session_id\":\"n1\",\"synthetic\":false,\"source\":\"agent\",\"type\":\"session.started\",\"data\":{\"metadata\":{\"model\":\"m\"}}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"session.started\",\"data\":{}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"session.ended\",\"data\":{\"reason\":\"error\",\"terminated_by\":\"agent\",\"exit_code\":137,\"message\":\"killed\",\"stderr\":{\"head\":\"a\\nb\",\"tail\":\"y\\nz\",\"total_lines\":400,\"truncated\":true}}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"session.ended\",\"data\":{\"reason\":\"terminated\",\"terminated_by\":\"daemon\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"turn.started\",\"data\":{\"phase\":\"started\",\"turn_id\":\"turn_1\"}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"turn.ended\",\"data\":{\"phase\":\"ended\",\"turn_id\":\"turn_1\",\"metadata\":{\"stop_reason\":\"end_turn\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.started\",\"data\":{\"item\":{\"item_id\":\"itm_1\",\"native_item_id\":\"msg_1\",\"kind\":\"message\",\"role\":\"assistant\",\"content\":[],\"status\":\"in_progress\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.delta\",\"data\":{\"item_id\":\"itm_1\",\"native_item_id\":\"msg_1\",\"delta\":\"Hel\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"item.delta\",\"data\":{\"item_id\":\"itm_1\",\"delta\":\"Hello\"}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"itm_2\",\"parent_id\":\"itm_1\",\"kind\":\"message\",\"role\":\"assistant\",\"content\":["
                    + "{\"type\":\"text\",\"text\":\"hi\"},"
                    + "{\"type\":\"json\",\"json\":{\"a\":[1,2]}},"
                    + "{\"type\":\"tool_call\",\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\",\"call_id\":\"toolu_1\"},"
                    + "{\"type\":\"tool_result\",\"call_id\":\"toolu_1\",\"output\":\"a.txt\"},"
                    + "{\"type\":\"file_ref\",\"path\":\"/w/a.txt\",\"action\":\"patch\",\"diff\":\"@@ -1 +1 @@\"},"
                    + "{\"type\":\"file_ref\",\"path\":\"/w/b.txt\",\"action\":\"read\"},"
                    + "{\"type\":\"reasoning\",\"text\":\"hmm\",\"visibility\":\"private\"},"
                    + "{\"type\":\"image\",\"path\":\"/w/i.png\",\"mime\":\"image/png\"},"
                    + "{\"type\":\"image\",\"path\":\"/w/j.png\"},"
                    + "{\"type\":\"status\",\"label\":\"retrying\",\"detail\":\"attempt 2\"},"
                    + "{\"type\":\"status\",\"label\":\"done\"}"
                    + "],\"status\":\"completed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"itm_3\",\"kind\":\"tool_result\",\"role\":\"tool\",\"content\":[],\"status\":\"failed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"itm_4\",\"kind\":\"unknown\",\"content\":[],\"status\":\"completed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"itm_5\",\"kind\":\"system\",\"role\":\"system\",\"content\":[],\"status\":\"completed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"itm_6\",\"kind\":\"status\",\"role\":\"user\",\"content\":[],\"status\":\"completed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"error\",\"data\":{\"message\":\"boom\",\"code\":\"overloaded\",\"details\":{\"retry\":true}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"permission.requested\",\"data\":{\"permission_id\":\"p1\",\"action\":\"Bash\",\"status\":\"requested\",\"metadata\":{\"input\":{\"command\":\"ls\"}}}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"permission.resolved\",\"data\":{\"permission_id\":\"p1\",\"action\":\"Bash\",\"status\":\"accept_for_session\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"permission.resolved\",\"data\":{\"permission_id\":\"p2\",\"action\":\"Edit\",\"status\":\"accept\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"permission.resolved\",\"data\":{\"permission_id\":\"p3\",\"action\":\"Edit\",\"status\":\"reject\"}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"question.requested\",\"data\":{\"question_id\":\"q1\",\"prompt\":\"Which?\",\"options\":[\"a\",\"b\"],\"status\":\"requested\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"question.resolved\",\"data\":{\"question_id\":\"q1\",\"prompt\":\"Which?\",\"options\":[\"a\",\"b\"],\"status\":\"answered\",\"response\":\"a\"}}",
            "{" + HEAD + "\"synthetic\":true,\"source\":\"daemon\",\"type\":\"question.resolved\",\"data\":{\"question_id\":\"q1\",\"prompt\":\"Which?\",\"options\":[],\"status\":\"rejected\"}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"agent.unparsed\",\"data\":{\"error\":\"not json\",\"location\":\"stdout\",\"raw_hash\":\"abc\"},\"raw\":\"%%%\"}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.delta\",\"data\":{\"item_id\":\"itm_1\",\"delta\":\"x\"},\"raw\":{\"type\":\"content_block_delta\",\"index\":0}}"
    })
    void contractExampleRoundTripsExactly(String json) {
        JsonObject expected = parse(json);
        UniversalEvent event = SchemaJson.eventFromJson(expected);
        assertThat(SchemaJson.toJson(event, true)).isEqualTo(expected);

        try (Jsonb jsonb = SchemaJsonb.create()) {
            UniversalEvent viaJsonb = jsonb.fromJson(json, UniversalEvent.class);
            assertThat(viaJsonb).isEqualTo(event);
            assertThat(parse(jsonb.toJson(viaJsonb))).isEqualTo(expected);
            // inside a list, as in EventsResponse
            String list = jsonb.toJson(List.of(event, event));
            assertThat(Json.createReader(new StringReader(list)).readArray()).containsExactly(expected, expected);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"session.exploded\",\"data\":{}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"robot\",\"type\":\"error\",\"data\":{\"message\":\"x\"}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"error\",\"data\":{}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"i\",\"kind\":\"message\",\"content\":[{\"type\":\"video\"}],\"status\":\"completed\"}}}",
            "{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"item.completed\",\"data\":{\"item\":{\"item_id\":\"i\",\"kind\":\"message\",\"content\":[],\"status\":\"done\"}}}",
            "{\"sequence\":1,\"time\":\"t\",\"session_id\":\"s\",\"synthetic\":false,\"source\":\"agent\",\"type\":\"error\",\"data\":{\"message\":\"x\"}}"
    })
    void invalidEventsAreRefusedWithAMessage(String json) {
        assertThatThrownBy(() -> SchemaJson.eventFromJson(parse(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(unknown|missing|expected).*");
    }

    @Test
    void rawIsLeftOutUnlessAskedFor() {
        JsonObject withRaw = parse("{" + HEAD + "\"synthetic\":false,\"source\":\"agent\",\"type\":\"error\",\"data\":{\"message\":\"x\"},\"raw\":{\"k\":1}}");
        UniversalEvent e = SchemaJson.eventFromJson(withRaw);
        assertThat(SchemaJson.toJson(e, false)).doesNotContainKey("raw");
        assertThat(SchemaJson.toJson(e.withoutRaw(), true)).doesNotContainKey("raw");
        assertThat(SchemaJson.toJson(e, true)).containsKey("raw");
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void subQuestionsRoundTripAndAreLeftOutForASingleQuestion() {
        var several = QuestionEventData.requested("q1", List.of(
                new QuestionEventData.SubQuestion("Colour?", "Colour", List.of("Red", "Blue"), false),
                new QuestionEventData.SubQuestion("Sizes?", null, List.of("S", "L"), true)));
        JsonObject json = SchemaJson.dataToJson(several);
        assertThat(json.getString("prompt")).isEqualTo("Colour?\nSizes?");
        assertThat(json.getJsonArray("questions")).hasSize(2);
        assertThat(json.getJsonArray("questions").getJsonObject(1).getBoolean("multiple")).isTrue();
        assertThat(SchemaJson.dataFromJson(UniversalEventType.QUESTION_REQUESTED, json))
                .isEqualTo(several);
        var single = QuestionEventData.requested("q2", List.of(several.questions().getFirst()));
        assertThat(SchemaJson.dataToJson(single)).doesNotContainKey("questions");
        assertThatThrownBy(() -> SchemaJson.dataFromJson(UniversalEventType.QUESTION_REQUESTED,
                parse("{\"question_id\":\"q\",\"prompt\":\"p\",\"options\":[],\"status\":\"requested\",\"questions\":3}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
