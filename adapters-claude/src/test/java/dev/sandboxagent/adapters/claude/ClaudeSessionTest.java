package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.CreateSessionResponse;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.testing.AgentProcesses;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.ofType;
import static dev.sandboxagent.core.testing.TurnRunner.types;
import static org.assertj.core.api.Assertions.assertThat;

/** Session lifecycle, errors, interrupts and attachments with the real CLI. */
class ClaudeSessionTest {

    @TempDir
    static Path dir;
    private static ClaudeFixture f;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        f = new ClaudeFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String newSession() {
        String id = "session-" + COUNTER.incrementAndGet();
        f.engine.createSession(id, CreateSessionRequest.forAgent("claude"));
        return id;
    }

    @Test
    void theNativeSessionIdIsKnownBeforeTheFirstTurn() {
        String id = "session-" + COUNTER.incrementAndGet();
        CreateSessionResponse created = f.engine.createSession(id, CreateSessionRequest.forAgent("claude"));
        String nativeId = created.nativeSessionId();
        assertThat(UUID.fromString(nativeId)).isNotNull();
        UniversalEvent started = f.engine.events(id, 0, 10).events().getFirst();
        assertThat(started.type()).isEqualTo(UniversalEventType.SESSION_STARTED);
        assertThat(started.source()).isEqualTo(EventSource.AGENT);
        assertThat(started.nativeSessionId()).isEqualTo(nativeId);

        List<UniversalEvent> t = TurnRunner.turn(f.engine, id, FakeModelScript.TEXT);
        assertThat(t).allMatch(e -> nativeId.equals(e.nativeSessionId()));
        assertThat(f.fake.modelRequests()).anyMatch(r -> r.sessionId().equals(nativeId));
        assertThat(TurnRunner.lastText(t)).isEqualTo("Hello from the fake model.");
        assertThat(t).filteredOn(ofType(UniversalEventType.ITEM_DELTA)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(t).filteredOn(e -> e.type() != UniversalEventType.TURN_STARTED && e.source() == EventSource.AGENT)
                .allMatch(e -> e.raw() != null);
    }

    @Test
    void aModelErrorIsAnErrorEventAndTheSessionGoesOn() {
        String s = newSession();
        List<UniversalEvent> failed = TurnRunner.turn(f.engine, s, FakeModelScript.MODEL_ERROR);
        ErrorData error = failed.stream().filter(ofType(UniversalEventType.ERROR)).map(e -> (ErrorData) e.data())
                .findFirst().orElseThrow(() -> new AssertionError("no error event: " + types(failed)));
        assertThat(error.message()).contains("500").contains("fake internal error");
        assertThat(error.code()).isEqualTo("server_error");
        assertThat(((JsonObject) error.details()).getInt("api_error_status")).isEqualTo(500);
        assertThat(types(failed).indexOf("error")).isLessThan(types(failed).indexOf("turn.ended"));
        assertThat(((JsonObject) ((TurnEventData) failed.getLast().data()).metadata()).getBoolean("is_error")).isTrue();

        List<UniversalEvent> next = TurnRunner.turn(f.engine, s, FakeModelScript.TEXT);
        assertThat(TurnRunner.lastText(next)).isEqualTo("Hello from the fake model.");
        assertThat(types(next)).doesNotContain("error");
    }

    @Test
    void interruptWhileAPermissionIsPendingEndsTheTurnAndClosesTheRequest() {
        String s = newSession();
        long from = TurnRunner.size(f.engine, s);
        f.engine.postMessage(s, MessageRequest.of(FakeModelScript.PERMISSION));
        var asked = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        String permissionId = ((PermissionEventData) asked.getLast().data()).permissionId();
        f.engine.interrupt(s);
        var rest = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        assertThat(rest).filteredOn(ofType(UniversalEventType.PERMISSION_RESOLVED)).singleElement().satisfies(e -> {
            PermissionEventData p = (PermissionEventData) e.data();
            assertThat(p.permissionId()).isEqualTo(permissionId);
            assertThat(p.status()).isEqualTo(PermissionStatus.REJECT);
        });
        assertThat(types(rest)).doesNotContain("error");
        assertThat(((JsonObject) ((TurnEventData) rest.getLast().data()).metadata()).getBoolean("interrupted")).isTrue();

        List<UniversalEvent> next = TurnRunner.turn(f.engine, s, FakeModelScript.TEXT);
        assertThat(TurnRunner.lastText(next)).isEqualTo("Hello from the fake model.");
    }

    @Test
    void reasoningStreamsAsItsOwnItem() {
        String s = newSession();
        List<UniversalEvent> t = TurnRunner.turn(f.engine, s, FakeModelScript.THINK);
        List<UniversalItem> messages = completed(t, ItemKind.MESSAGE);
        UniversalItem thinking = messages.stream().filter(i -> i.content().getFirst() instanceof ContentPart.Reasoning)
                .findFirst().orElseThrow(() -> new AssertionError("no reasoning item: " + messages));
        assertThat(((ContentPart.Reasoning) thinking.content().getFirst()).text()).isEqualTo("Let me think.");
        assertThat(TurnRunner.lastText(t)).isEqualTo("Answer after thinking.");
    }

    @Test
    void attachmentsAreNamedInTheMessage() {
        String s = newSession();
        Path file = f.work.resolve(FakeModelScript.NOTES);
        try (var stream = f.engine.postMessageAndFollowTurn(s, new MessageRequest(FakeModelScript.TEXT + " and look",
                List.of(new MessageRequest.Attachment(file.toString(), "text/plain", "notes.txt"))))) {
            stream.stream().toList();
        }
        String nativeId = f.engine.getSession(s).nativeSessionId();
        ModelRequest request = f.fake.modelRequests().stream().filter(r -> r.sessionId().equals(nativeId))
                .findFirst().orElseThrow();
        assertThat(request.prompt()).isEqualTo(FakeModelScript.TEXT + " and look\n\nAttached files:\n- " + file
                + " (text/plain)");
    }

    @Test
    void terminateEndsTheProcessAndTheSession() {
        String s = newSession();
        TurnRunner.turn(f.engine, s, FakeModelScript.TEXT);
        String nativeId = f.engine.getSession(s).nativeSessionId();
        assertThat(AgentProcesses.matching(nativeId)).isNotEmpty();
        f.engine.terminate(s);
        assertThat(AgentProcesses.matching(nativeId)).isEmpty();
        UniversalEvent last = f.engine.events(s, 0, 1000).events().getLast();
        assertThat(last.type()).isEqualTo(UniversalEventType.SESSION_ENDED);
        assertThat(((SessionEndedData) last.data()).reason()).isEqualTo(SessionEndReason.TERMINATED);
    }
}
