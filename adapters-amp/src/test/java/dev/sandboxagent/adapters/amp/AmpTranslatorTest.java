package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The translator fed with the recorded stdout of the real Amp CLI. */
class AmpTranslatorTest {

    private final RecordingSink sink = new RecordingSink();

    @Test
    void textTurn() {
        AmpTranslator t = Transcripts.replay("text", sink);
        assertThat(sink.methods()).containsExactly("sessionStarted", "itemCompleted", "turnEnded");
        assertThat(sink.calls().getFirst().id()).isEqualTo("T-49f9f6fb-7a2a-46b1-ab4b-7b4100041b23");
        assertThat(((JsonObject) sink.calls().getFirst().data()).getString("agent_mode")).isEqualTo("medium");
        assertThat(t.threadId()).isEqualTo("T-49f9f6fb-7a2a-46b1-ab4b-7b4100041b23");
        AgentItem answer = sink.items().getFirst();
        assertThat(answer.kind()).isEqualTo(ItemKind.MESSAGE);
        assertThat(answer.role()).isEqualTo(ItemRole.ASSISTANT);
        assertThat(answer.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(answer.text()).isEqualTo("Hello from the fake Amp server. You said: say hello");
        JsonObject end = (JsonObject) sink.of("turnEnded").getFirst().data();
        assertThat(end.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(end.getInt("num_turns")).isEqualTo(1);
        assertThat(end.getJsonObject("usage").getInt("output_tokens")).isEqualTo(5);
        assertThat(sink.usages()).containsExactly(new TurnUsage(10, 5, 0, null)); // amp reports no cost
        assertThat(t.turnOpen()).isFalse();
        assertThat(sink.of("turnEnded")).extracting(RecordingSink.Call::id).containsExactly("turn_1");
        assertThat(sink.calls()).allMatch(c -> c.method().equals("turnEnded") || c.raw() != null, "raw kept");
    }

    @Test
    void toolCallAndResult() {
        Transcripts.replay("tool", sink);
        assertThat(sink.methods()).containsExactly("sessionStarted", "itemCompleted", "itemCompleted",
                "itemCompleted", "itemCompleted", "turnEnded");
        AgentItem call = sink.items().get(1);
        assertThat(call.kind()).isEqualTo(ItemKind.TOOL_CALL);
        assertThat(call.nativeId()).isEqualTo("TU-G383jnI3IrTDdODZNP3u1S");
        assertThat(call.content()).containsExactly(new ContentPart.ToolCall("shell_command",
                "{\"command\":\"echo hello-from-tool\"}", "TU-G383jnI3IrTDdODZNP3u1S"));
        AgentItem result = sink.items().get(2);
        assertThat(result.kind()).isEqualTo(ItemKind.TOOL_RESULT);
        assertThat(result.role()).isEqualTo(ItemRole.TOOL);
        assertThat(result.nativeParentId()).isEqualTo("TU-G383jnI3IrTDdODZNP3u1S");
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(result.content()).containsExactly(new ContentPart.ToolResult("TU-G383jnI3IrTDdODZNP3u1S",
                "{\"output\":\"hello-from-tool\\n\",\"exitCode\":0}"));
        assertThat(sink.items().get(3).text()).startsWith("The tool finished with status done.");
        // two model calls (the tool call, the answer), each reporting 10 in / 5 out: the turn is their sum
        assertThat(sink.usages()).containsExactly(new TurnUsage(20, 10, 0, null));
    }

    @Test
    void toolRejectedByAUserRuleIsAFailedResult() {
        Transcripts.replay("perm-reject", sink);
        AgentItem result = sink.items().stream().filter(i -> i.kind() == ItemKind.TOOL_RESULT).findFirst().orElseThrow();
        assertThat(result.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(((ContentPart.ToolResult) result.content().getFirst()).output())
                .startsWith("Tool rejected by plugin: Rejected by user permissions rule 0");
        assertThat(sink.methods()).doesNotContain("error").last().isEqualTo("turnEnded");
    }

    @Test
    void toolAskedByABuiltInRuleIsRejectedInExecuteModeAndFails() {
        Transcripts.replay("perm-ask", sink);
        assertThat(sink.items()).filteredOn(i -> i.kind() == ItemKind.TOOL_RESULT)
                .singleElement().extracting(AgentItem::status).isEqualTo(ItemStatus.FAILED);
    }

    @Test
    void toolResultMarkedAsErrorFails() {
        AmpTranslator t = new AmpTranslator(sink, null);
        t.accept("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"TU-1\",\"content\":\"Path must be absolute, not relative: notes.txt\","
                + "\"is_error\":true}]},\"parent_tool_use_id\":null,\"session_id\":\"T-1\"}");
        assertThat(sink.items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.FAILED);
            assertThat(i.nativeParentId()).isEqualTo("TU-1");
        });
    }

    @Test
    void serverErrorIsAnErrorThenTheTurnEnds() {
        Transcripts.replay("fail", sink);
        assertThat(sink.methods()).containsExactly("sessionStarted", "error", "turnEnded");
        RecordingSink.Call error = sink.of("error").getFirst();
        assertThat(error.text()).isEqualTo("fake inference failure");
        assertThat(error.id()).isEqualTo("error_during_execution");
        assertThat(((JsonObject) sink.of("turnEnded").getFirst().data()).getString("stop_reason")).isEqualTo("error");
    }

    @Test
    void approvalTheCliCannotGiveIsAnError() {
        Transcripts.replay("approval", sink);
        assertThat(sink.methods()).containsExactly("sessionStarted", "itemCompleted", "error", "turnEnded");
        assertThat(sink.of("error").getFirst().text()).contains("require user approval");
    }

    @Test
    void thinkingIsReasoning() {
        Transcripts.replay("thinking", sink);
        AgentItem thinking = sink.items().getFirst();
        assertThat(thinking.content()).singleElement().isInstanceOf(ContentPart.Reasoning.class);
        assertThat(((ContentPart.Reasoning) thinking.content().getFirst()).text()).isEqualTo("fake reasoning");
        assertThat(sink.items().get(1).text()).startsWith("Hello from the fake Amp server");
    }

    @Test
    void continuedThreadKeepsItsId() {
        AmpTranslator t = Transcripts.replay("continue", sink);
        assertThat(t.threadId()).isEqualTo("T-11111111-2222-4333-8444-555555555555");
        assertThat(sink.methods()).containsExactly("sessionStarted", "itemCompleted", "turnEnded");
    }

    @Test
    void cancelledTurnAfterAnInterruptEndsWithoutAnError() {
        Transcripts.replay("stage3-ws-no-agent-sigterm", sink, true);
        assertThat(sink.methods()).containsExactly("sessionStarted", "turnEnded");
        assertThat(((JsonObject) sink.of("turnEnded").getFirst().data()).getString("stop_reason")).isEqualTo("interrupted");
    }

    @Test
    void cancelledTurnWithoutAnInterruptIsAnError() {
        Transcripts.replay("stage3-ws-no-agent-sigterm", sink);
        assertThat(sink.methods()).containsExactly("sessionStarted", "error", "turnEnded");
        assertThat(sink.of("error").getFirst().text()).isEqualTo("User cancelled (SIGINT/SIGTERM)");
    }

    @Test
    void theUsersEchoedMessageIsNotRepeated() {
        Transcripts.replay("sji", sink);
        assertThat(sink.items()).noneMatch(i -> i.role() == ItemRole.USER);
        assertThat(sink.of("turnEnded")).hasSize(1);
    }

    @Test
    void unknownOutputIsUnparsed() {
        AmpTranslator t = new AmpTranslator(sink, sink.beginTurn("turn_1").openTurn());
        t.accept("No API key found. Starting login flow...");
        t.accept("[1,2]");
        t.accept("{\"type\":\"stream_event\",\"session_id\":\"T-2\"}");
        t.accept("{\"type\":\"system\",\"subtype\":\"compact\"}");
        t.accept("{\"type\":\"assistant\"}");
        t.accept("   ");
        assertThat(sink.methods()).containsExactly("unparsed", "unparsed", "unparsed", "unparsed", "unparsed");
        assertThat(((jakarta.json.JsonString) sink.calls().getFirst().raw()).getString())
                .isEqualTo("No API key found. Starting login flow...");
        assertThat(t.turnOpen()).isTrue();
    }

    @Test
    void unknownContentBlockBecomesAnUnknownItem() {
        AmpTranslator t = new AmpTranslator(sink, null);
        t.accept("{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"image\","
                + "\"source\":{}}]},\"session_id\":\"T-3\"}");
        assertThat(sink.items()).singleElement().extracting(AgentItem::kind).isEqualTo(ItemKind.UNKNOWN);
    }

    @Test
    void aTurnThatIsOverIsNotEndedAgain() {
        AmpTranslator t = Transcripts.replay("text", sink);
        t.endTurn("interrupted"); // e.g. the process exits after its result
        t.accept(Transcripts.stdout("text").getLast());
        assertThat(sink.of("turnEnded")).hasSize(1);
        assertThat(sink.of("unparsed")).singleElement().satisfies(u -> assertThat(u.text()).contains("turn that is over"));
    }

    @Test
    void aLateLineOfAnOldTurnsProcessNeverEndsTheNextTurn() {
        AmpTranslator old = Transcripts.replay("text", sink);
        sink.beginTurn("turn_2");
        old.endTurn("error");
        old.accept(Transcripts.stdout("text").getLast());
        assertThat(sink.openTurn()).isEqualTo("turn_2");
        assertThat(sink.of("turnEnded")).extracting(RecordingSink.Call::id).containsExactly("turn_1");
    }
}
