package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.testing.RecordingSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The translator against transcripts recorded with the real pi CLI (see TranscriptReplay). */
class PiTranslatorTest {

    private static String turnEndOf(RecordingSink sink, int turn) {
        return sink.of("turnEnded").get(turn).data().asJsonObject().getString("stop_reason");
    }

    @Test
    void textToolAndThinkingTurns() {
        TranscriptReplay r = TranscriptReplay.of("turns");
        RecordingSink sink = r.sink;

        var started = sink.of("sessionStarted").getFirst();
        assertThat(started.id()).isEqualTo("01a2533b-e060-7602-a38e-b3a271b5650e");
        assertThat(started.data().asJsonObject().getString("model")).isEqualTo("fake/fake-model");
        assertThat(started.data().asJsonObject().getString("sessionFile")).startsWith("<PI_DIR>/sessions/");

        // streamed text: started, two deltas, completed with the whole text, all under one native id
        String textId = sink.of("itemStarted").getFirst().id();
        assertThat(sink.of("itemDelta").stream().filter(c -> c.id().equals(textId)).map(RecordingSink.Call::text))
                .containsExactly("Hel", "lo there");
        assertThat(sink.of("itemCompleted").getFirst().item()).isEqualTo(
                AgentItem.text(textId, dev.sandboxagent.core.schema.ItemRole.ASSISTANT, "Hello there"));

        // the tool call, then its result as its child
        AgentItem call = sink.completed(ItemKind.TOOL_CALL).getFirst();
        assertThat(call.content()).containsExactly(new ContentPart.ToolCall("bash", "{\"command\":\"ls\"}", "call_1"));
        AgentItem result = sink.completed(ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.nativeParentId()).isEqualTo("call_1");
        assertThat(result.content()).containsExactly(new ContentPart.ToolResult("call_1", "a.txt\n"));
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(sink.items()).filteredOn(i -> i.kind() == ItemKind.TOOL_RESULT && i.status() == ItemStatus.IN_PROGRESS)
                .hasSize(1);

        // the thinking block as reasoning, beside the text of the same message
        assertThat(sink.of("itemCompleted")).anyMatch(c -> c.item().content().equals(List.of(
                new ContentPart.Reasoning("Let me think.", dev.sandboxagent.core.schema.ReasoningVisibility.PUBLIC))));
        assertThat(sink.completedTexts()).contains("Thought.");

        assertThat(sink.of("turnEnded")).extracting(RecordingSink.Call::id).containsExactly("turn_1", "turn_2", "turn_3");
        assertThat(List.of(turnEndOf(sink, 0), turnEndOf(sink, 1), turnEndOf(sink, 2))).containsOnly("stop");
        // the tool turn made two model calls: their usage adds up
        assertThat(sink.usages()).containsExactly(new TurnUsage(10, 5, 0, java.math.BigDecimal.ZERO),
                new TurnUsage(20, 10, 0, java.math.BigDecimal.ZERO), new TurnUsage(10, 5, 0, java.math.BigDecimal.ZERO));
        assertThat(sink.methods()).doesNotContain("error", "unparsed");
        // each turn ends once, after its last item
        assertThat(sink.methods().getLast()).isEqualTo("turnEnded");
    }

    @Test
    void modelErrorsAndRetries() {
        RecordingSink sink = TranscriptReplay.of("errors").sink;
        // 401: no retry; 500: retried once, then failed; flaky 429: retried, then answered; 429: retried, then failed
        assertThat(sink.of("turnEnded")).hasSize(4);
        assertThat(sink.of("error")).extracting(RecordingSink.Call::text)
                .containsExactly("401 invalid api key", "500 boom", "429 rate limited");
        assertThat(sink.of("error")).extracting(RecordingSink.Call::id).containsOnly("model_error");
        assertThat(sink.of("itemCompleted")).filteredOn(c -> c.item().kind() == ItemKind.STATUS)
                .extracting(c -> ((ContentPart.Status) c.item().content().getFirst()).label())
                .containsExactly("retry", "retry", "retry");
        assertThat(sink.completedTexts()).contains("Hello there");
        List<String> order = sink.methods().stream().filter(m -> m.equals("error") || m.equals("turnEnded")).toList();
        assertThat(order).containsExactly("error", "turnEnded", "error", "turnEnded", "turnEnded", "error", "turnEnded");
        assertThat(turnEndOf(sink, 2)).isEqualTo("stop");
        assertThat(turnEndOf(sink, 3)).isEqualTo("error");
    }

    @Test
    void abortEndsTheTurnAsInterruptedAndTheNextOneRuns() {
        RecordingSink sink = TranscriptReplay.of("interrupt").sink;
        assertThat(sink.of("turnEnded")).hasSize(2);
        assertThat(sink.of("turnEnded").getFirst().data().asJsonObject().getBoolean("interrupted")).isTrue();
        assertThat(sink.methods()).doesNotContain("error");
        assertThat(sink.completedTexts()).containsExactly("working", "Hello there");
    }

    @Test
    void aResumedSessionIsAnnouncedWithItsId() {
        RecordingSink sink = TranscriptReplay.of("resume").sink;
        assertThat(sink.of("sessionStarted").getFirst().id()).isEqualTo("01a2533c-17c5-71d1-8911-22a53172b794");
        assertThat(sink.of("turnEnded")).hasSize(1);
    }

    @Test
    void aKilledProcessLeavesTheTurnToTheSession() {
        RecordingSink sink = TranscriptReplay.of("crash").sink;
        assertThat(sink.methods()).doesNotContain("turnEnded", "error");
        assertThat(sink.of("itemStarted")).isNotEmpty();
    }

    @Test
    void aRetryCancelledDuringItsDelayEndsTheTurn() {
        TranscriptReplay r = new TranscriptReplay();
        r.sink.beginTurn("turn_1");
        r.translator.accept("{\"type\":\"agent_start\"}");
        r.translator.accept("{\"type\":\"message_start\",\"message\":{\"role\":\"assistant\",\"content\":[]}}");
        r.translator.accept("{\"type\":\"message_end\",\"message\":{\"role\":\"assistant\",\"content\":[],"
                + "\"stopReason\":\"error\",\"errorMessage\":\"503 busy\"}}");
        r.translator.accept("{\"type\":\"agent_end\",\"messages\":[]}");
        r.translator.accept("{\"type\":\"auto_retry_start\",\"attempt\":1,\"maxAttempts\":3,\"delayMs\":2000,"
                + "\"errorMessage\":\"503 busy\"}");
        r.translator.accept("{\"id\":\"turn-end-1\",\"type\":\"response\",\"command\":\"get_state\",\"success\":true}");
        assertThat(r.sink.methods()).doesNotContain("turnEnded");
        r.sink.requestInterrupt();
        r.translator.accept("{\"type\":\"auto_retry_end\",\"success\":false,\"attempt\":1,\"finalError\":\"Retry cancelled\"}");
        assertThat(r.sink.methods()).doesNotContain("error").endsWith("turnEnded");
        assertThat(r.sink.of("turnEnded").getFirst().data().asJsonObject().getBoolean("interrupted")).isTrue();
        assertThat(r.written).containsExactly("{\"id\":\"turn-end-1\",\"type\":\"get_state\"}");
    }

    @Test
    void aRefusedPromptIsAnErrorThatEndsTheTurn() {
        TranscriptReplay r = new TranscriptReplay();
        r.sink.beginTurn("turn_1");
        r.translator.accept("{\"id\":\"prompt-1\",\"type\":\"response\",\"command\":\"prompt\",\"success\":false,"
                + "\"error\":\"No API key found for the selected model.\"}");
        assertThat(r.sink.methods()).containsExactly("error", "turnEnded");
        assertThat(r.sink.of("error").getFirst().text()).contains("No API key found");
        assertThat(r.sink.openTurn()).isNull();
    }

    @Test
    void extensionDialogsAreDismissedAndUnknownLinesKept() {
        TranscriptReplay r = new TranscriptReplay();
        r.translator.accept("{\"type\":\"extension_ui_request\",\"id\":\"u1\",\"method\":\"confirm\",\"title\":\"Sure?\"}");
        assertThat(r.written).containsExactly(
                "{\"type\":\"extension_ui_response\",\"id\":\"u1\",\"cancelled\":true}");
        r.translator.accept("{\"type\":\"something_new\"}");
        r.translator.accept("not json");
        assertThat(r.sink.of("unparsed")).extracting(RecordingSink.Call::text)
                .containsExactly("unknown event type 'something_new'", "not a JSON object");
        assertThat(r.sink.methods()).doesNotContain("turnEnded");
    }
}
