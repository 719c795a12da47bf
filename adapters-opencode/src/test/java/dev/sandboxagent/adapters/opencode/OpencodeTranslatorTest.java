package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.testing.RecordingSink.Call;
import dev.sandboxagent.core.testing.Replay;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays recorded {@code /event} streams of {@code opencode serve} 1.18.33 (from
 * agents/opencode/serve-*) through the translator and the turn tracker, as OpencodeSession
 * does, with a turn begun just before each new user message of the session.
 */
class OpencodeTranslatorTest {

    static List<JsonObject> events(String name) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        try (var in = OpencodeTranslatorTest.class.getResourceAsStream("/opencode/" + name + ".sse-event.jsonl");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(Jsons.parse(line).asJsonObject().getJsonObject("data"));
                }
            }
        }
        return out;
    }

    static List<String> sessions(List<JsonObject> events) {
        return events.stream().filter(e -> "session.created".equals(Jsons.string(e, "type")))
                .map(OpencodeTranslator::sessionOf).distinct().toList();
    }

    static RecordingSink replay(List<JsonObject> events, String session) {
        RecordingSink sink = new RecordingSink();
        OpencodeTranslator translator = new OpencodeTranslator(session, sink);
        TurnEndDetector turn = new TurnEndDetector(sink::openTurn);
        Set<String> users = new HashSet<>();
        new Replay<>(sink, events, (e, replay) -> {
            boolean ours = session.equals(OpencodeTranslator.sessionOf(e));
            JsonObject info = Jsons.object(Jsons.object(e, "properties"), "info");
            if (ours && "message.updated".equals(Jsons.string(e, "type")) && "user".equals(Jsons.string(info, "role"))
                    && users.add(Jsons.string(info, "id")) && sink.openTurn() == null) {
                turn.begin(replay.beginTurn()); // the engine opens the turn right before the adapter's prompt
            }
            translator.accept(e);
            if (ours && turn.accept(e)) {
                sink.turnEnded(turn.endMetadata(), e);
            }
        }).all();
        return sink;
    }

    static List<AgentItem> completed(RecordingSink sink) {
        return sink.of("itemCompleted").stream().map(Call::item).toList();
    }

    static String deltas(RecordingSink sink, String nativeId) {
        return sink.of("itemDelta").stream().filter(c -> c.id().equals(nativeId)).map(Call::text)
                .collect(Collectors.joining());
    }

    @Test
    void basicTurnsWithTextReasoningToolsAndFiles() throws IOException {
        var events = events("serve-basic");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        assertThat(sink.of("turnEnded")).hasSize(2);
        assertThat(sink.of("unparsed")).isEmpty();
        List<AgentItem> items = completed(sink);
        // text parts: started, streamed, completed with the full text; the user's text is not an item
        AgentItem last = items.stream().filter(i -> i.kind() == ItemKind.MESSAGE && !i.text().isEmpty())
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.text()).isEqualTo("Turn two done: wrote and edited hello.txt.");
        assertThat(deltas(sink, last.nativeId())).isEqualTo(last.text());
        assertThat(items).noneMatch(i -> i.text().contains("[T1]") || i.text().contains("[T2]"));
        // reasoning
        assertThat(items).anyMatch(i -> i.content().stream().anyMatch(p -> p instanceof ContentPart.Reasoning r
                && r.text().equals("Need to write then edit a file.")));
        // tools: bash, write, edit as call + result with the same call id, results with file refs
        List<AgentItem> calls = items.stream().filter(i -> i.kind() == ItemKind.TOOL_CALL).toList();
        assertThat(calls).extracting(i -> ((ContentPart.ToolCall) i.content().getFirst()).name())
                .containsExactly("bash", "write", "edit");
        assertThat(((ContentPart.ToolCall) calls.get(1).content().getFirst()).arguments()).contains("hello.txt");
        List<AgentItem> results = items.stream().filter(i -> i.kind() == ItemKind.TOOL_RESULT).toList();
        assertThat(results).hasSize(3).allMatch(r -> r.status() == ItemStatus.COMPLETED);
        assertThat(results).allMatch(r -> r.nativeParentId() != null && r.nativeParentId().equals(r.nativeId().replace(":result", "")));
        assertThat(results.get(1).content()).anyMatch(p -> p instanceof ContentPart.FileRef f
                && f.action() == FileAction.WRITE && f.path().endsWith("hello.txt"));
        assertThat(results.get(2).content()).anyMatch(p -> p instanceof ContentPart.FileRef f
                && f.action() == FileAction.PATCH && f.diff() != null && f.diff().contains("+hello opencode"));
        // patch parts and steps are status items
        assertThat(items).anyMatch(i -> i.kind() == ItemKind.STATUS && i.content().stream()
                .anyMatch(p -> p instanceof ContentPart.FileRef f && f.path().endsWith("hello.txt")));
        assertThat(items).anyMatch(i -> i.content().stream()
                .anyMatch(p -> p instanceof ContentPart.Status s && s.label().equals("step finished")));
        // every started item is completed, once
        Set<String> started = sink.of("itemStarted").stream().map(Call::id).collect(Collectors.toSet());
        assertThat(items).extracting(AgentItem::nativeId).containsAll(started).doesNotHaveDuplicates();
        // turn metadata
        JsonObject meta = (JsonObject) sink.of("turnEnded").getLast().data();
        assertThat(meta.getString("stop_reason")).isEqualTo("stop");
        assertThat(meta.getJsonObject("tokens").getInt("input")).isEqualTo(100);
    }

    @Test
    void permissionsAreRequestedAndRejectedToolsFail() throws IOException {
        var events = events("serve-permission");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        List<Call> asked = sink.of("permissionRequested");
        assertThat(asked).extracting(Call::text).containsExactly("bash", "bash", "edit", "edit", "bash");
        assertThat(asked).allMatch(c -> c.id().startsWith("per_"));
        JsonObject meta = (JsonObject) asked.getFirst().data();
        assertThat(meta.getJsonArray("patterns").getString(0)).isEqualTo("echo p1-once");
        assertThat(meta.getJsonObject("metadata").getString("command")).isEqualTo("echo p1-once");
        assertThat(sink.of("turnEnded")).hasSize(5);
        List<AgentItem> failed = completed(sink).stream()
                .filter(i -> i.kind() == ItemKind.TOOL_RESULT && i.status() == ItemStatus.FAILED).toList();
        assertThat(failed).hasSize(2);
        assertThat(failed.getFirst().text()).isEmpty();
        assertThat(((ContentPart.ToolResult) failed.getFirst().content().getFirst()).output()).contains("rejected");
    }

    @Test
    void questionsCarryTheirPromptAndOptions() throws IOException {
        var events = events("serve-question");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        List<Call> asked = sink.of("questionRequested");
        assertThat(asked).hasSize(3);
        assertThat(asked.getFirst().text()).isEqualTo("Which color should I use?");
        assertThat(asked.getFirst().options()).containsExactly("Red", "Blue");
        assertThat(sink.of("turnEnded")).hasSize(3);
        assertThat(sink.of("unparsed")).isEmpty();
    }

    @Test
    void abortedTurnsEndOnceTheirLastMessageIsIn() throws IOException {
        var events = events("serve-abort");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        List<Call> ends = sink.of("turnEnded");
        assertThat(ends).hasSize(3);
        // A1: idle comes before the assistant message carrying the abort; the turn ends with that message
        assertThat(Jsons.string(ends.get(0).raw().asJsonObject(), "type")).isEqualTo("message.updated");
        assertThat(((JsonObject) ends.get(0).data()).getString("stop_reason")).isEqualTo("MessageAbortedError");
        assertThat(sink.of("error")).extracting(Call::id).contains("MessageAbortedError");
        // the text streamed before the abort was never completed (the engine closes it as failed)
        assertThat(sink.of("itemDelta")).isNotEmpty();
        assertThat(((JsonObject) ends.get(2).data()).getString("stop_reason")).isEqualTo("stop");
    }

    @Test
    void abortWhilePermissionPendingEndsTheTurn() throws IOException {
        var events = events("serve-abort_perm");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        assertThat(sink.of("permissionRequested")).hasSize(1);
        assertThat(sink.of("turnEnded")).hasSize(1);
        assertThat(completed(sink)).anyMatch(i -> i.kind() == ItemKind.TOOL_RESULT && i.status() == ItemStatus.FAILED);
    }

    @Test
    void modelErrorsAreErrorEventsAndRetriesAreStatus() throws IOException {
        var events = events("serve-errors");
        List<String> sessions = sessions(events);
        RecordingSink e401 = replay(events, sessions.get(0));
        assertThat(e401.of("error")).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("APIError");
            assertThat(c.text()).isEqualTo("Invalid API key (fake)");
        });
        assertThat(e401.of("turnEnded")).hasSize(1);
        assertThat(((JsonObject) e401.of("turnEnded").getFirst().data()).getString("stop_reason")).isEqualTo("APIError");
        RecordingSink e500 = replay(events, sessions.get(1));
        assertThat(completed(e500)).filteredOn(i -> i.content().stream()
                .anyMatch(p -> p instanceof ContentPart.Status s && s.label().equals("retry"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(e500.of("turnEnded")).hasSize(1);
        // the other sessions' events never leak into a session
        assertThat(e401.calls()).noneMatch(c -> c.raw() != null && c.raw() instanceof JsonObject o
                && !sessions.get(0).equals(OpencodeTranslator.sessionOf(o)) && OpencodeTranslator.sessionOf(o) != null);
    }

    @Test
    void agentAndModelPerMessageShowInTheTurnMetadata() throws IOException {
        var events = events("serve-agents");
        RecordingSink sink = replay(events, sessions(events).getFirst());
        List<Call> ends = sink.of("turnEnded");
        assertThat(ends).hasSize(3);
        assertThat(((JsonObject) ends.get(1).data()).getString("agent")).isEqualTo("plan");
        assertThat(((JsonObject) ends.get(2).data()).getString("model")).isEqualTo("fake2/other-model");
    }

    @Test
    void unknownEventsAreUnparsedAndOtherSessionsIgnored() {
        RecordingSink sink = new RecordingSink();
        OpencodeTranslator t = new OpencodeTranslator("ses_a", sink);
        t.accept(Jsons.parse("{\"type\":\"brand.new\",\"properties\":{\"sessionID\":\"ses_a\"}}").asJsonObject());
        t.accept(Jsons.parse("{\"type\":\"brand.new\",\"properties\":{\"sessionID\":\"ses_b\"}}").asJsonObject());
        t.accept(Jsons.parse("{\"type\":\"message.part.updated\",\"properties\":{\"part\":{\"id\":\"p\",\"sessionID\":\"ses_a\","
                + "\"messageID\":\"m\",\"type\":\"hologram\"}}}").asJsonObject());
        t.accept(Jsons.parse("{\"type\":\"sandbox.unparsable\",\"text\":\"not json\"}").asJsonObject());
        t.accept(Jsons.parse("{\"type\":\"server.heartbeat\",\"properties\":{}}").asJsonObject());
        assertThat(sink.calls()).extracting(Call::method).containsExactly("unparsed", "unparsed", "unparsed");
        assertThat(sink.calls().get(0).text() + " | " + sink.calls().get(0).raw()).contains("brand.new");
        assertThat(sink.calls().get(1).text() + " | " + sink.calls().get(1).raw()).contains("hologram");
        assertThat(sink.calls().get(2).text() + " | " + sink.calls().get(2).raw()).contains("not json");
    }

    @Test
    void everyRecordedEventTypeIsKnown() throws IOException {
        JsonObject examples = Jsons.parse(new String(OpencodeTranslatorTest.class
                .getResourceAsStream("/opencode/sse-event-examples.json").readAllBytes(), StandardCharsets.UTF_8))
                .asJsonObject();
        for (String key : examples.keySet()) {
            JsonObject event = examples.getJsonObject(key).getJsonObject("event");
            RecordingSink sink = new RecordingSink();
            new OpencodeTranslator(OpencodeTranslator.sessionOf(event) == null ? "ses_x"
                    : OpencodeTranslator.sessionOf(event), sink).accept(event);
            assertThat(sink.of("unparsed")).as(key).isEmpty();
        }
    }
}
