package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.core.testing.MockEngine.ofType;
import static dev.sandboxagent.core.testing.MockEngine.turnEnded;
import static dev.sandboxagent.core.testing.MockEngine.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionEngineTest extends MockSessionFixture {

    @Test
    void messagesPostedDuringATurnAreQueuedInOrderNeverInterleaved() {
        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            turns.add(mock.engine.postMessage("s", MessageRequest.of("stream message number " + i)));
        }
        var events = mock.readUntil("s", 0, turnEnded(turns.getLast()));
        String open = null;
        List<String> started = new ArrayList<>();
        for (UniversalEvent e : events) {
            if (e.type() == UniversalEventType.TURN_STARTED) {
                assertThat(open).as("turns must not overlap").isNull();
                open = ((TurnEventData) e.data()).turnId();
                started.add(open);
            } else if (e.type() == UniversalEventType.TURN_ENDED) {
                assertThat(((TurnEventData) e.data()).turnId()).isEqualTo(open);
                open = null;
            }
        }
        assertThat(started).containsExactlyElementsOf(turns);
    }

    @Test
    void interruptEndsTheTurnAndTheSessionGoesOn() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("hang"));
        mock.readUntil("s", from, ofType(UniversalEventType.ITEM_DELTA));
        mock.engine.interrupt("s");
        var events = mock.readUntil("s", from, turnEnded(turn));
        var ended = (TurnEventData) events.getLast().data();
        assertThat(ended.metadata().toString()).contains("interrupted");
        // the half-written item was closed as failed
        assertThat(events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.ASSISTANT))
                .singleElement().satisfies(i -> assertThat(i.status().wire()).isEqualTo("failed"));
        assertThat(types(mock.turn("s", "text still here"))).contains("item.completed");
    }

    @Test
    void interruptStopsABurst() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("burst 100000000"));
        mock.readUntil("s", from, ofType(UniversalEventType.ITEM_DELTA));
        mock.engine.interrupt("s");
        var events = mock.readUntil("s", from, turnEnded(turn));
        assertThat(((TurnEventData) events.getLast().data()).metadata().toString()).contains("interrupted");
    }

    @Test
    void terminateEndsTheSessionOnceAndANewMessageContinuesIt() {
        long from = size();
        mock.engine.postMessage("s", MessageRequest.of("hang"));
        mock.readUntil("s", from, ofType(UniversalEventType.ITEM_DELTA));
        mock.engine.terminate("s");
        mock.engine.terminate("s"); // idempotent
        var events = mock.readUntil("s", 0, ofType(UniversalEventType.SESSION_ENDED));
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.TERMINATED);
        assertThat(end.terminatedBy()).isEqualTo(TerminatedBy.DAEMON);
        assertThat(types(events)).containsSubsequence("turn.ended", "session.ended");
        assertThat(events.stream().filter(e -> e.type() == UniversalEventType.SESSION_ENDED)).hasSize(1);
        assertThat(mock.engine.getSession("s").ended()).isTrue();
        // a follower of an ended session finishes
        try (EventStream s = mock.engine.follow("s", 0)) {
            assertThat(s.stream().count()).isEqualTo(events.size());
        }
        // a message continues it in a new agent process (the agent's native resume), same sequence
        List<UniversalEvent> turn = mock.turn("s", "text again");
        assertThat(turn.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
        UniversalEvent restarted = mock.engine.events("s", events.size(), 1).events().getFirst();
        assertThat(restarted.type()).isEqualTo(UniversalEventType.SESSION_STARTED);
        assertThat(restarted.nativeSessionId()).isEqualTo("mock-s");
        assertThat(restarted.sequence()).isEqualTo(events.size() + 1L);
        assertThat(mock.engine.getSession("s").ended()).isFalse();
        assertThat(mock.engine.listSessions()).hasSize(1);
    }

    @Test
    void aMessageToAnEndedSessionAfterShutdownIsRefused() {
        mock.engine.shutdown();
        assertThatThrownBy(() -> mock.engine.postMessage("s", MessageRequest.of("hi")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        assertThat(mock.engine.getSession("s").ended()).isTrue();
    }

    @Test
    void deleteForgetsTheSession() {
        mock.engine.deleteSession("s");
        assertThatThrownBy(() -> mock.engine.getSession("s"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.SESSION_NOT_FOUND));
    }

    @Test
    void attachmentsAppearInTheUserItemAsImageAndFileRefParts() throws Exception {
        java.nio.file.Files.write(dir.resolve("shot.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("docs")).resolve("spec.md"), "# spec");
        java.nio.file.Files.writeString(dir.resolve("typed.bin"), "x");
        var events = mock.engine.postMessageAndFollowTurn("s", new MessageRequest("look", List.of(
                new MessageRequest.Attachment("shot.png", null, null),                // relative, MIME guessed
                new MessageRequest.Attachment(dir.resolve("docs/spec.md").toString(), null, "spec.md"),
                new MessageRequest.Attachment("typed.bin", "image/webp", null))));   // the client's MIME wins
        List<UniversalEvent> turn;
        try (events) {
            turn = events.stream().toList();
        }
        var user = turn.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.USER).findFirst().orElseThrow();
        assertThat(user.content()).containsExactly(
                new dev.sandboxagent.core.schema.ContentPart.Text("look"),
                new dev.sandboxagent.core.schema.ContentPart.Image(dir.resolve("shot.png").toString(), "image/png"),
                new dev.sandboxagent.core.schema.ContentPart.FileRef(dir.resolve("docs/spec.md").toString(),
                        dev.sandboxagent.core.schema.FileAction.READ, null),
                new dev.sandboxagent.core.schema.ContentPart.Image(dir.resolve("typed.bin").toString(), "image/webp"));
    }

    @Test
    void attachmentsMustExistAndStayInsideTheSessionDirectoryWhenRelative() {
        for (String bad : new String[]{"missing.png", "../outside.png", ""}) {
            assertThatThrownBy(() -> mock.engine.postMessage("s", new MessageRequest("x",
                    List.of(new MessageRequest.Attachment(bad, null, null)))))
                    .as(bad).isInstanceOf(SandboxException.class)
                    .satisfies(e -> assertThat(((SandboxException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }
        assertThat(mock.engine.getSession("s").eventCount()).isEqualTo(size()); // no turn was opened
    }

    @Test
    void createValidatesItsInput() {
        assertThatThrownBy(() -> mock.engine.createSession("s", CreateSessionRequest.forAgent("mock")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.SESSION_ALREADY_EXISTS));
        assertThatThrownBy(() -> mock.engine.createSession("x", CreateSessionRequest.forAgent("nobody")))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.UNSUPPORTED_AGENT));
        for (String bad : List.of("", "../etc", "a/b", "a b", "x".repeat(200), "\u0000")) {
            assertThatThrownBy(() -> mock.engine.createSession(bad, CreateSessionRequest.forAgent("mock")))
                    .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        }
        assertThatThrownBy(() -> mock.engine.createSession("m", new CreateSessionRequest("mock", "nomode", null, null,
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MODE_NOT_SUPPORTED));
        assertThatThrownBy(() -> mock.engine.createSession("m", new CreateSessionRequest("mock", null, null, null,
                null, null, "yolo", null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MODE_NOT_SUPPORTED));
        assertThatThrownBy(() -> mock.engine.createSession("m", new CreateSessionRequest("mock", null, null,
                dir.resolve("missing").toString(), null, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST));
        var badMcp = Json.createObjectBuilder().add("srv", Json.createObjectBuilder().add("type", "local")).build();
        assertThatThrownBy(() -> mock.engine.createSession("m", new CreateSessionRequest("mock", null, null, null,
                badMcp, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.detail()).contains("command"));
        assertThat(mock.engine.listSessions()).extracting(i -> i.sessionId()).containsExactly("s");
    }

    @Test
    void anAgentThatCannotTakeMcpOrSkillsRefusesThemAtCreation() throws Exception {
        var withStub = new MockEngine(dir, new dev.sandboxagent.core.testing.stub.StubProcessAdapter());
        var mcp = Json.createObjectBuilder().add("files", Json.createObjectBuilder().add("type", "local")
                .add("command", "mcp-files")).build();
        assertThatThrownBy(() -> withStub.engine.createSession("x", new CreateSessionRequest("stub", null, null, null,
                mcp, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.detail()).isEqualTo("agent 'stub' cannot take MCP servers (the session's 'mcp' config)");
                });
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("sk")).resolve("SKILL.md"), "x");
        var skills = Json.createObjectBuilder().add("sources", Json.createArrayBuilder().add(
                Json.createObjectBuilder().add("type", "local").add("source", "sk"))).build();
        assertThatThrownBy(() -> withStub.engine.createSession("x", new CreateSessionRequest("stub", null, null, null,
                null, null, null, skills, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.detail()).contains("cannot take skills"));
        assertThat(withStub.engine.listSessions()).isEmpty();
        // an empty mcp object is nothing to take
        withStub.engine.createSession("y", new CreateSessionRequest("stub", null, null, null,
                Json.createObjectBuilder().build(), null, null, null, null, null));
        withStub.engine.shutdown();
    }

    @Test
    void everyCreateFieldIsKeptInTheSessionInfo() throws Exception {
        var mcp = Json.createObjectBuilder().add("files", Json.createObjectBuilder().add("type", "local")
                .add("command", "mcp-files")).build();
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("my-skill"))
                .resolve("SKILL.md"), "---\nname: my-skill\ndescription: a skill\n---\n");
        var skills = Json.createObjectBuilder().add("sources", Json.createArrayBuilder().add(
                Json.createObjectBuilder().add("type", "local").add("source", "my-skill"))).build();
        mock.engine.createSession("full", new CreateSessionRequest("mock", "build", "1.0", dir.toString(), mcp,
                "mock-1", "bypass", skills, "My title", "fast"));
        var info = mock.engine.getSession("full");
        assertThat(info.agent()).isEqualTo("mock");
        assertThat(info.agentMode()).isEqualTo("build");
        assertThat(info.permissionMode()).isEqualTo("bypass");
        assertThat(info.directory()).isEqualTo(dir.toString());
        assertThat(info.model()).isEqualTo("mock-1");
        assertThat(info.variant()).isEqualTo("fast");
        assertThat(info.title()).isEqualTo("My title");
        assertThat(info.mcp()).isEqualTo(mcp);
        assertThat(info.skills()).isEqualTo(skills);
        assertThat(info.nativeSessionId()).isEqualTo("mock-full");
        // bypass: the mock writes without asking
        assertThat(types(mock.turn("full", "permission"))).doesNotContain("permission.requested");
    }

    @Test
    void concurrentCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
        AtomicInteger wins = new AtomicInteger();
        List<ErrorType> losses = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                pool.submit(() -> {
                    go.await();
                    try {
                        mock.engine.createSession("race", CreateSessionRequest.forAgent("mock"));
                        wins.incrementAndGet();
                    } catch (SandboxException e) {
                        losses.add(e.type());
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(wins).hasValue(1);
        assertThat(losses).hasSize(31).allMatch(t -> t == ErrorType.SESSION_ALREADY_EXISTS);
    }

    @Test
    void manyFollowersSeeTheSameSequence() throws Exception {
        int followers = 50;
        List<List<Long>> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(followers);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < followers; i++) {
                pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    try (EventStream s = mock.engine.follow("s", 0)) {
                        ready.countDown();
                        s.stream().forEach(e -> mine.add(e.sequence()));
                    }
                    seen.add(mine);
                    return null;
                });
            }
            ready.await();
            mock.turn("s", "burst 2000");
            mock.engine.terminate("s");
        }
        long total = mock.engine.getSession("s").eventCount();
        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, total).boxed().toList();
        assertThat(seen).hasSize(followers).allSatisfy(l -> assertThat(l).isEqualTo(expected));
    }
}
