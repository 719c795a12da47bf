package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.RecordingSink.Call;
import jakarta.json.JsonString;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The translator fed with recorded claude transcripts (src/test/resources/transcripts). */
class ClaudeTranslatorTest {

    static AgentItem only(List<AgentItem> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    /** Deltas only for started items; one turn end for each turn opened, ending it; raw everywhere; nothing unparsed. */
    static void assertWellFormed(RecordingSink sink, int turns) {
        Set<String> started = new HashSet<>();
        for (Call c : sink.calls()) {
            if (c.method().equals("itemStarted")) {
                started.add(c.id());
            } else if (c.method().equals("itemDelta")) {
                assertThat(started).as("delta of an item that was started").contains(c.id());
            }
        }
        assertThat(sink.of("turnEnded")).extracting(Call::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, turns).mapToObj(i -> "turn_" + i).toList());
        assertThat(sink.of("unparsed")).isEmpty();
        assertThat(sink.withoutRaw()).isEmpty();
    }

    /** What the deltas of an item add up to. */
    static String deltas(RecordingSink sink, String nativeId) {
        StringBuilder sb = new StringBuilder();
        sink.of("itemDelta").stream().filter(d -> d.id().equals(nativeId)).forEach(d -> sb.append(d.text()));
        return sb.toString();
    }

    /** The metadata of the {@code n}th turn end. */
    static JsonObject turnEnd(RecordingSink sink, int n) {
        return (JsonObject) sink.of("turnEnded").get(n).data();
    }

    /** Each turn's own usage; the cost is what claude's running total_cost_usd grew by in the turn. */
    @Test
    void usageOfEachTurnFromTheResultMessage() {
        TranscriptReplay r = TranscriptReplay.of("stdio_allow");
        BigDecimal perTurn = new BigDecimal("0.0007000000000000001"); // totals 0.0007000000000000001, 0.0014000000000000002
        assertThat(r.sink.usages()).containsExactly(
                new TurnUsage(20, 24, 0, perTurn), new TurnUsage(20, 24, 0, perTurn));
    }

    @Test
    void twoTurnsWithToolsPermissionsAndStreamedText() {
        TranscriptReplay r = TranscriptReplay.of("stdio_allow");
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of("sessionStarted")).extracting(Call::id)
                .containsOnly("0fb8a2f3-64bc-4435-8cf1-a79d98522628");
        assertThat(((JsonObject) r.sink.of("sessionStarted").getFirst().data()).getString("model"))
                .isEqualTo("claude-opus-4-8[1m]");

        List<AgentItem> texts = r.sink.completed(ItemKind.MESSAGE);
        assertThat(texts).extracting(AgentItem::text).containsExactly("I'll create out.txt with a shell command.",
                "Turn 1 done.", "Now writing notes.md with the Write tool.", "Turn 2 done.");
        for (AgentItem t : texts) {
            assertThat(deltas(r.sink, t.nativeId())).as("deltas of " + t.nativeId()).isEqualTo(t.text());
            assertThat(t.role()).isEqualTo(ItemRole.ASSISTANT);
        }
        assertThat(texts.getFirst().nativeId()).isEqualTo("msg_fake_72678c377b4f4184:0");

        List<AgentItem> calls = r.sink.completed(ItemKind.TOOL_CALL);
        assertThat(calls).extracting(AgentItem::nativeId)
                .containsExactly("toolu_fake_205028f4f5b34dd3", "toolu_fake_4124f4819eb7469c");
        ContentPart.ToolCall bash = (ContentPart.ToolCall) calls.getFirst().content().getFirst();
        assertThat(bash.name()).isEqualTo("Bash");
        assertThat(Jsons.parseObject(bash.arguments()).getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(deltas(r.sink, bash.callId())).isEqualTo("{\"command\": \"echo hi > out.txt\", \"description\": \"Write hi to out.txt\"}");

        List<AgentItem> results = r.sink.completed(ItemKind.TOOL_RESULT);
        assertThat(results).extracting(AgentItem::nativeParentId)
                .containsExactly("toolu_fake_205028f4f5b34dd3", "toolu_fake_4124f4819eb7469c");
        assertThat(results).allMatch(i -> i.status() == ItemStatus.COMPLETED && i.role() == ItemRole.TOOL);
        assertThat(((ContentPart.ToolResult) results.getFirst().content().getFirst()).output())
                .isEqualTo("(Bash completed with no output)");

        List<Call> asks = r.sink.of("permissionRequested");
        assertThat(asks).extracting(Call::id)
                .containsExactly("f5960df4-6c7d-4abc-95e2-6e8750b66fcb", "56395be8-c7ed-4c56-ade9-94287fca81c4");
        assertThat(asks).extracting(Call::text).containsExactly("Bash", "Write");
        JsonObject meta = (JsonObject) asks.getFirst().data();
        assertThat(meta.getJsonObject("input").getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(meta.getString("description")).isEqualTo("Write hi to out.txt");
        assertThat(meta.getString("tool_use_id")).isEqualTo("toolu_fake_205028f4f5b34dd3");
        assertThat(meta).doesNotContainKey("subtype");

        assertThat(r.sink.completed(ItemKind.STATUS)).extracting(i -> ((ContentPart.Status) i.content().getFirst()).label())
                .containsOnly("requesting");
        assertThat(r.sink.of("error")).isEmpty();
        assertThat(turnEnd(r.sink, 0).getString("stop_reason")).isEqualTo("end_turn");
    }

    @Test
    void thinkingBecomesAReasoningItemWithDeltas() {
        TranscriptReplay r = TranscriptReplay.of("extra_thinking");
        assertWellFormed(r.sink, 1);
        List<AgentItem> messages = r.sink.completed(ItemKind.MESSAGE);
        assertThat(messages).hasSize(2);
        AgentItem thinking = messages.getFirst();
        assertThat(thinking.nativeId()).isEqualTo("msg_fake_d2d904f5de4b45c4:0");
        assertThat(thinking.content()).singleElement().isInstanceOfSatisfying(ContentPart.Reasoning.class,
                p -> assertThat(p.text()).isEqualTo("Let me think about this briefly."));
        assertThat(deltas(r.sink, thinking.nativeId())).isEqualTo("Let me think about this briefly.");
        assertThat(messages.get(1).nativeId()).isEqualTo("msg_fake_d2d904f5de4b45c4:1");
        assertThat(messages.get(1).text()).isEqualTo("Answer after thinking.");
    }

    @Test
    void interruptedStreamEndsTheTurnWithoutAnError() {
        TranscriptReplay r = TranscriptReplay.interruptingTheFirstTurn("interrupt_stream");
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of("error")).isEmpty();
        JsonObject first = turnEnd(r.sink, 0);
        assertThat(first.getBoolean("interrupted")).isTrue();
        assertThat(first.getString("terminal_reason")).isEqualTo("aborted_streaming");
        assertThat(turnEnd(r.sink, 1)).doesNotContainKey("interrupted");
        assertThat(r.sink.completed(ItemKind.STATUS)).anyMatch(i -> i.content().getFirst() instanceof ContentPart.Status s
                && s.label().equals("interrupted") && s.detail().equals("[Request interrupted by user]"));
        assertThat(r.sink.completed(ItemKind.MESSAGE)).extracting(AgentItem::text)
                .containsExactly("This is a sl", "Fresh answer after the interrupt.");
    }

    @Test
    void modelErrorsAreErrorEventsAndTheSessionGoesOn() {
        TranscriptReplay r = TranscriptReplay.of("err_500_stdio");
        assertWellFormed(r.sink, 2);
        List<Call> errors = r.sink.of("error");
        assertThat(errors).hasSize(2);
        assertThat(errors.getFirst().id()).isEqualTo("server_error");
        assertThat(errors.getFirst().text()).startsWith("API Error: 500 fake internal error");
        assertThat(((JsonObject) errors.getFirst().data()).getInt("api_error_status")).isEqualTo(500);
        assertThat(r.sink.completed(ItemKind.MESSAGE)).allMatch(i -> i.status() == ItemStatus.FAILED);
        // the error comes before the end of its turn
        List<Call> calls = r.sink.calls();
        assertThat(calls.indexOf(errors.getFirst())).isLessThan(calls.indexOf(r.sink.of("turnEnded").getFirst()));
    }

    @Test
    void retriesAreStatusItems() {
        TranscriptReplay r = TranscriptReplay.of("err_401_retries2");
        assertWellFormed(r.sink, 1);
        List<AgentItem> retries = r.sink.completed(ItemKind.STATUS).stream()
                .filter(i -> ((ContentPart.Status) i.content().getFirst()).label().equals("api_retry")).toList();
        assertThat(retries).hasSize(2);
        assertThat(((ContentPart.Status) retries.getFirst().content().getFirst()).detail())
                .isEqualTo("attempt 1 of 2 after HTTP 401 authentication_failed");
        assertThat(r.sink.of("error")).singleElement().extracting(Call::id).isEqualTo("authentication_failed");
    }

    @Test
    void aResultNobodyAskedForReportsItsErrorAndAnEndCoreIgnores() {
        TranscriptReplay r = TranscriptReplay.of("resume_4_unknown_id");
        assertThat(r.sink.of("turnEnded")).extracting(Call::id).as("no turn was open: core ignores this end")
                .containsExactly((String) null);
        Call e = r.sink.of("error").getFirst();
        assertThat(e.text()).isEqualTo("No conversation found with session ID: 00000000-0000-4000-8000-000000000000");
        assertThat(e.id()).isEqualTo("error_during_execution");
        assertThat(r.sink.of("agentExited")).isEmpty();
    }

    @Test
    void unknownOutputIsUnparsedWithTheRawLine() {
        TranscriptReplay r = new TranscriptReplay().lines(List.of("not json at all", "{\"type\":\"mystery\"}",
                "{\"type\":\"system\",\"subtype\":\"brand_new\"}", "[1,2]", ""));
        assertThat(r.sink.of("unparsed")).extracting(c -> ((JsonString) c.raw()).getString())
                .containsExactly("not json at all", "{\"type\":\"mystery\"}", "{\"type\":\"system\",\"subtype\":\"brand_new\"}",
                        "[1,2]");
        assertThat(r.sink.of("unparsed")).allMatch(u -> u.id().equals("stdout"));
    }

    @Test
    void subagentItemsArePartOfTheirTaskCall() {
        TranscriptReplay r = new TranscriptReplay().lines(List.of("{\"type\":\"assistant\",\"parent_tool_use_id\":\"toolu_task\","
                + "\"message\":{\"id\":\"msg_sub\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"sub\"}]}}"));
        assertThat(only(r.sink.completed(ItemKind.MESSAGE)).nativeParentId()).isEqualTo("toolu_task");
    }
}
