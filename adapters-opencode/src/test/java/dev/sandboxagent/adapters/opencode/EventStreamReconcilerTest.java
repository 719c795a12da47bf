package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.RecordingSink.Call;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.sandboxagent.adapters.opencode.OpencodeTranslatorTest.events;
import static dev.sandboxagent.adapters.opencode.OpencodeTranslatorTest.sessions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up after a lost event stream, on recorded streams of {@code opencode serve}: the
 * stream is cut at every event, the new stream starts later, and OpenCode's API is read later
 * still (its answer folded from the recording up to that moment, as OpenCode stores it). Seen
 * parts against listed messages: the translator must report every item, tool state, permission
 * and question exactly as the uncut stream does, and each text's deltas add up to its text.
 */
class EventStreamReconcilerTest {

    @ParameterizedTest
    @ValueSource(strings = {"serve-basic", "serve-permission", "serve-question"})
    void everyCutReportsWhatTheUncutStreamReportsOnce(String recording) throws IOException {
        List<JsonObject> events = events(recording);
        String session = sessions(events).getFirst();
        RecordingSink uncut = replay(events, session, events.size(), events.size(), events.size(), true);
        assertThat(uncut.of("itemCompleted")).isNotEmpty();
        int n = events.size();
        for (int cut = 0; cut < n; cut++) {
            for (int resumed : List.of(cut, cut + 3, cut + 15)) {
                for (int read : List.of(resumed, resumed + 10)) {
                    for (boolean readFirst : List.of(true, false)) {
                        if (answeredUnseen(events, cut, Math.min(resumed, n), Math.min(read, n), readFirst)) {
                            continue;
                        }
                        String as = recording + " cut at " + cut + ", resumed at " + resumed + ", read at " + read
                                + (readFirst ? " (read before the new stream's events)" : "");
                        RecordingSink sink = replay(events, session, cut, Math.min(resumed, n), Math.min(read, n), readFirst);
                        assertSameOnce(as, sink, uncut);
                    }
                }
            }
        }
    }

    @Test
    void aListedPendingPermissionIsReportedOnceWhetherSeenBeforeOrNot() {
        RecordingSink sink = new RecordingSink();
        OpencodeTranslator t = new OpencodeTranslator("ses_a", sink);
        JsonObject asked = Jsons.parse("""
                {"id":"per_1","sessionID":"ses_a","permission":"bash","patterns":["ls"],"metadata":{},"always":[],
                 "tool":{"messageID":"msg_1","callID":"call_1"}}""").asJsonObject();
        JsonObject other = Jsons.parse("{\"id\":\"per_2\",\"sessionID\":\"ses_b\",\"permission\":\"bash\"}").asJsonObject();
        SessionSnapshot snapshot = new SessionSnapshot(JsonValue.EMPTY_JSON_ARRAY,
                Jsons.JSON.createArrayBuilder().add(asked).add(other).build(), JsonValue.EMPTY_JSON_ARRAY,
                JsonValue.EMPTY_JSON_OBJECT);
        t.streamCut();
        EventStreamReconciler.events("ses_a", snapshot).forEach(t::accept);
        t.caughtUp();
        t.accept(event("permission.asked", asked)); // the new stream repeats it
        t.streamCut();
        EventStreamReconciler.events("ses_a", snapshot).forEach(t::accept); // a second cut lists it again
        t.caughtUp();
        assertThat(sink.of("permissionRequested")).extracting(Call::id).containsExactly("per_1");
    }

    @Test
    void idleIsSaidOnlyWhenTheLastUserMessageHasAnAnswerAndTheSessionIsIdle() throws IOException {
        JsonArray messages = Jsons.parse(new String(getClass().getResourceAsStream("/opencode/serve-basic.messages.json")
                .readAllBytes(), StandardCharsets.UTF_8)).asJsonArray();
        String session = Jsons.string(messages.getJsonObject(0).getJsonObject("info"), "sessionID");
        JsonObject busy = Jsons.JSON.createObjectBuilder().add(session, Jsons.JSON.createObjectBuilder()
                .add("type", "busy")).build();
        JsonArray unanswered = Jsons.JSON.createArrayBuilder(messages).add(Jsons.parse("""
                {"info":{"id":"msg_new","sessionID":"%s","role":"user"},"parts":[]}""".formatted(session))).build();
        assertThat(EventStreamReconciler.turnOver(session, snapshot(messages, JsonValue.EMPTY_JSON_OBJECT))).isTrue();
        assertThat(EventStreamReconciler.turnOver(session, snapshot(messages, busy))).isFalse();
        assertThat(EventStreamReconciler.turnOver(session, snapshot(unanswered, JsonValue.EMPTY_JSON_OBJECT))).isFalse();
        assertThat(Jsons.string(EventStreamReconciler.events(session, snapshot(messages, JsonValue.EMPTY_JSON_OBJECT))
                .getLast(), "type")).isEqualTo("session.status");
        // and the session's turn end detector ends the turn on it
        TurnEndDetector turn = new TurnEndDetector(() -> "turn_1");
        turn.begin("turn_1");
        boolean ended = false;
        for (JsonObject e : EventStreamReconciler.events(session, snapshot(
                Jsons.JSON.createArrayBuilder().add(messages.get(0)).add(messages.get(1)).add(messages.get(2)).build(),
                JsonValue.EMPTY_JSON_OBJECT))) {
            ended |= turn.accept(e);
        }
        assertThat(ended).isTrue();
    }

    /**
     * Whether the recording answers a permission or question that the adapter could not have
     * reported yet in this replay (asked in the gap, answered before the catch-up): our clients
     * answer only what they were shown, so such a replay cannot happen.
     */
    private static boolean answeredUnseen(List<JsonObject> events, int cut, int resumed, int read, boolean readFirst) {
        for (int a = cut; a < read; a++) {
            String type = Jsons.string(events.get(a), "type");
            if (!"permission.asked".equals(type) && !"question.asked".equals(type) || !readFirst && a >= resumed) {
                continue;
            }
            String id = Jsons.string(Jsons.object(events.get(a), "properties"), "id");
            for (int x = a + 1; x < read; x++) {
                if (id.equals(Jsons.string(Jsons.object(events.get(x), "properties"), "requestID"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SessionSnapshot snapshot(JsonArray messages, JsonObject statuses) {
        return new SessionSnapshot(messages, JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_ARRAY, statuses);
    }

    /**
     * Events before {@code cut} arrive, those from {@code resumed} on arrive on the new stream,
     * and the API is read at {@code read}: its snapshot is applied before the new stream's
     * events or after those up to {@code read}.
     */
    private static RecordingSink replay(List<JsonObject> events, String session, int cut, int resumed, int read,
                                        boolean readFirst) {
        RecordingSink sink = new RecordingSink();
        OpencodeTranslator t = new OpencodeTranslator(session, sink);
        events.subList(0, cut).forEach(t::accept);
        if (cut == events.size()) {
            return sink;
        }
        t.streamCut();
        List<JsonObject> catchUp = EventStreamReconciler.events(session, fold(events.subList(0, read), session));
        if (readFirst) {
            catchUp.forEach(t::accept);
            t.caughtUp();
            events.subList(resumed, events.size()).forEach(t::accept);
        } else {
            events.subList(resumed, read).forEach(t::accept);
            catchUp.forEach(t::accept);
            t.caughtUp();
            events.subList(read, events.size()).forEach(t::accept);
        }
        return sink;
    }

    private static void assertSameOnce(String as, RecordingSink sink, RecordingSink uncut) {
        Map<String, AgentItem> done = byId(sink.of("itemCompleted"));
        assertThat(sink.of("itemCompleted")).as(as).hasSize(done.size());
        assertThat(done).as(as).isEqualTo(byId(uncut.of("itemCompleted")));
        assertThat(sink.of("itemStarted")).as(as).extracting(Call::id).doesNotHaveDuplicates();
        for (String method : List.of("permissionRequested", "questionRequested")) {
            assertThat(sink.of(method)).as(as).extracting(Call::id)
                    .containsExactlyElementsOf(uncut.of(method).stream().map(Call::id).toList());
        }
        for (AgentItem item : done.values()) {
            String deltas = sink.of("itemDelta").stream().filter(c -> c.id().equals(item.nativeId())).map(Call::text)
                    .collect(Collectors.joining());
            if (!deltas.isEmpty()) { // none: the normaliser streams the whole text at once
                assertThat(deltas).as(as + ": deltas of " + item.nativeId()).isEqualTo(item.content().stream()
                        .map(p -> p instanceof ContentPart.Reasoning r ? r.text() : p instanceof ContentPart.Text t ? t.text() : "")
                        .collect(Collectors.joining()));
            }
        }
    }

    private static Map<String, AgentItem> byId(List<Call> completed) {
        return completed.stream().map(Call::item)
                .collect(Collectors.toMap(AgentItem::nativeId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * What OpenCode's API would list after {@code events}: each message's latest info with its
     * parts' latest states (text streamed by deltas is not in a listed part before it ends), the
     * permissions and questions asked and not yet answered, and busy until the session went idle.
     */
    static SessionSnapshot fold(List<JsonObject> events, String session) {
        Map<String, JsonObject> infos = new LinkedHashMap<>();
        Map<String, Map<String, JsonObject>> parts = new LinkedHashMap<>();
        Map<String, JsonObject> permissions = new LinkedHashMap<>();
        Map<String, JsonObject> questions = new LinkedHashMap<>();
        String status = null;
        for (JsonObject e : events) {
            if (!session.equals(OpencodeTranslator.sessionOf(e))) {
                continue;
            }
            JsonObject p = Jsons.object(e, "properties");
            switch (Jsons.string(e, "type")) {
                case "message.updated" -> infos.put(Jsons.string(Jsons.object(p, "info"), "id"), Jsons.object(p, "info"));
                case "message.part.updated" -> {
                    JsonObject part = Jsons.object(p, "part");
                    parts.computeIfAbsent(Jsons.string(part, "messageID"), k -> new LinkedHashMap<>())
                            .put(Jsons.string(part, "id"), part);
                }
                case "permission.asked" -> permissions.put(Jsons.string(p, "id"), p);
                case "permission.replied" -> permissions.remove(Jsons.string(p, "requestID"));
                case "question.asked" -> questions.put(Jsons.string(p, "id"), p);
                case "question.replied", "question.rejected" -> questions.remove(Jsons.string(p, "requestID"));
                case "session.status" -> status = Jsons.string(Jsons.object(p, "status"), "type");
                default -> {
                }
            }
        }
        JsonArrayBuilder messages = Jsons.JSON.createArrayBuilder();
        infos.forEach((id, info) -> messages.add(Jsons.JSON.createObjectBuilder().add("info", info)
                .add("parts", Jsons.JSON.createArrayBuilder(List.copyOf(parts.getOrDefault(id, Map.of()).values())))));
        JsonObject statuses = status == null || "idle".equals(status) ? JsonValue.EMPTY_JSON_OBJECT
                : Jsons.JSON.createObjectBuilder().add(session, Jsons.JSON.createObjectBuilder().add("type", status)).build();
        return new SessionSnapshot(messages.build(), Jsons.JSON.createArrayBuilder(List.copyOf(permissions.values())).build(),
                Jsons.JSON.createArrayBuilder(List.copyOf(questions.values())).build(), statuses);
    }

    private static JsonObject event(String type, JsonObject properties) {
        return Jsons.JSON.createObjectBuilder().add("type", type).add("properties", properties).build();
    }
}
