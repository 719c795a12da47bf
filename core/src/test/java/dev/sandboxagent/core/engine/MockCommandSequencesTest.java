package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.AgentUnparsedData;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.sandboxagent.core.testing.MockEngine.types;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact event sequence each mock command produces, through engine and normaliser. */
class MockCommandSequencesTest {

    MockEngine mock;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        mock = MockEngine.withSession(dir, "s");
    }

    private static final List<String> USER = List.of("turn.started", "item.started", "item.completed");

    private static List<String> turnOf(String... middle) {
        List<String> all = new java.util.ArrayList<>(USER);
        all.addAll(List.of(middle));
        all.add("turn.ended");
        return all;
    }

    @Test
    void sessionStartsWithTheMocksOwnSessionStarted() {
        List<UniversalEvent> first = mock.engine.events("s", 0, 10).events();
        assertThat(types(first)).containsExactly("session.started");
        assertThat(first.getFirst().source()).isEqualTo(EventSource.AGENT);
        assertThat(first.getFirst().nativeSessionId()).isEqualTo("mock-s");
        assertThat(first.getFirst().sequence()).isEqualTo(1);
    }

    @Test
    void echoIsAPlainReplyWithOneSyntheticDelta() {
        List<UniversalEvent> t = mock.turn("s", "Explain the repo structure.");
        assertThat(types(t)).containsExactlyElementsOf(turnOf("item.started", "item.delta", "item.completed"));
        UniversalEvent user = t.get(2);
        assertThat(((ItemEventData) user.data()).item().role()).isEqualTo(ItemRole.USER);
        assertThat(((ItemEventData) user.data()).item().text()).isEqualTo("Explain the repo structure.");
        UniversalEvent start = t.get(3);
        assertThat(start.synthetic()).isTrue();
        assertThat(start.source()).isEqualTo(EventSource.DAEMON);
        UniversalEvent delta = t.get(4);
        assertThat(delta.synthetic()).isTrue();
        assertThat(((ItemDeltaData) delta.data()).delta()).isEqualTo("Explain the repo structure.");
        UniversalEvent done = t.get(5);
        assertThat(done.source()).isEqualTo(EventSource.AGENT);
        assertThat(((ItemEventData) done.data()).item().itemId())
                .isEqualTo(((ItemEventData) start.data()).item().itemId())
                .isEqualTo(((ItemDeltaData) delta.data()).itemId());
        assertThat(((ItemEventData) done.data()).item().status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(t).allMatch(e -> "mock-s".equals(e.nativeSessionId()));
        // sequences are consecutive
        for (int i = 1; i < t.size(); i++) {
            assertThat(t.get(i).sequence()).isEqualTo(t.get(i - 1).sequence() + 1);
        }
    }

    @Test
    void textSendsTheArgumentWhole() {
        List<UniversalEvent> t = mock.turn("s", "text hello there");
        assertThat(types(t)).containsExactlyElementsOf(turnOf("item.started", "item.delta", "item.completed"));
        assertThat(((ItemEventData) t.get(5).data()).item().text()).isEqualTo("hello there");
    }

    @Test
    void streamSendsSeveralAgentDeltas() {
        List<UniversalEvent> t = mock.turn("s", "stream one two three");
        assertThat(types(t)).containsExactlyElementsOf(
                turnOf("item.started", "item.delta", "item.delta", "item.delta", "item.completed"));
        assertThat(t.subList(3, 7)).allMatch(e -> e.source() == EventSource.AGENT && !e.synthetic());
        assertThat(t.subList(4, 7).stream().map(e -> ((ItemDeltaData) e.data()).delta()))
                .containsExactly("one ", "two ", "three");
        assertThat(((ItemEventData) t.get(7).data()).item().text()).isEqualTo("one two three");
    }

    @Test
    void toolCallAndResultAreParented() {
        List<UniversalEvent> t = mock.turn("s", "tool");
        assertThat(types(t)).containsExactlyElementsOf(turnOf(
                "item.started", "item.completed", // tool call
                "item.started", "item.completed", // tool result
                "item.started", "item.delta", "item.completed")); // message
        var call = ((ItemEventData) t.get(4).data()).item();
        var result = ((ItemEventData) t.get(6).data()).item();
        assertThat(call.kind()).isEqualTo(ItemKind.TOOL_CALL);
        assertThat(call.content().getFirst()).isInstanceOf(ContentPart.ToolCall.class);
        assertThat(result.kind()).isEqualTo(ItemKind.TOOL_RESULT);
        assertThat(result.role()).isEqualTo(ItemRole.TOOL);
        assertThat(result.parentId()).isEqualTo(call.itemId());
        assertThat(((ContentPart.ToolResult) result.content().getFirst()).callId())
                .isEqualTo(((ContentPart.ToolCall) call.content().getFirst()).callId());
    }

    @Test
    void reasoningStatusMarkdownImageAndUnknown() {
        var reasoning = mock.turn("s", "reasoning");
        assertThat(types(reasoning)).containsExactlyElementsOf(turnOf(
                "item.started", "item.completed", "item.started", "item.delta", "item.completed"));
        assertThat(((ItemEventData) reasoning.get(4).data()).item().content().getFirst())
                .isInstanceOf(ContentPart.Reasoning.class);

        var status = mock.turn("s", "status");
        assertThat(types(status)).containsExactlyElementsOf(turnOf("item.started", "item.completed"));
        assertThat(((ItemEventData) status.get(4).data()).item().kind()).isEqualTo(ItemKind.STATUS);

        var markdown = mock.turn("s", "markdown");
        assertThat(((ItemEventData) markdown.get(5).data()).item().text()).startsWith("# Mock report");

        var image = mock.turn("s", "image");
        assertThat(((ItemEventData) image.get(5).data()).item().content())
                .anyMatch(p -> p instanceof ContentPart.Image i && "image/png".equals(i.mime()));

        var unknown = mock.turn("s", "unknown");
        assertThat(types(unknown)).containsExactlyElementsOf(turnOf("item.started", "item.completed", "agent.unparsed"));
        assertThat(((ItemEventData) unknown.get(4).data()).item().kind()).isEqualTo(ItemKind.UNKNOWN);
        assertThat(unknown.get(5).data()).isInstanceOf(AgentUnparsedData.class);
        assertThat(unknown.get(5).raw().toString()).isEqualTo("\"%%% not json %%%\"");
    }

    @Test
    void errorIsAnErrorEventThenTheTurnEnds() {
        var t = mock.turn("s", "error");
        assertThat(types(t)).containsExactlyElementsOf(turnOf("error"));
        assertThat(((ErrorData) t.get(3).data()).code()).isEqualTo("mock_error");
    }

    @Test
    void helpListsEveryCommand() {
        var t = mock.turn("s", "help");
        String text = ((ItemEventData) t.get(5).data()).item().text();
        for (String c : List.of("help", "text", "stream", "tool", "permission", "question", "questions", "reasoning", "status",
                "error", "markdown", "image", "unknown", "burst", "hang")) {
            assertThat(text).contains("`" + c + "`");
        }
    }

    @Test
    void burstEmitsExactlyNDeltas() {
        var t = mock.turn("s", "burst 1000");
        assertThat(t.stream().filter(e -> e.type() == UniversalEventType.ITEM_DELTA)).hasSize(1000);
        assertThat(((TurnEventData) t.getLast().data()).metadata().toString()).contains("end_turn");
    }
}
