package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.adapters.amp.fake.FakeAmpScript;
import dev.sandboxagent.adapters.amp.fake.FakeAmpServer;
import dev.sandboxagent.adapters.amp.fake.FakeAmpThread;
import dev.sandboxagent.core.conformance.EventInvariants;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.testing.AgentProcesses;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.log;
import static dev.sandboxagent.core.testing.TurnRunner.ofType;
import static dev.sandboxagent.core.testing.TurnRunner.output;
import static dev.sandboxagent.core.testing.TurnRunner.until;
import static dev.sandboxagent.core.testing.TurnRunner.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the Amp issue asks beyond the shared scenarios, with the real CLI against the fake Amp server. */
class AmpSessionTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static AmpTestEnvironment env;
    private final List<SessionEngine> engines = new ArrayList<>();
    private final List<String> sessions = new ArrayList<>();

    @BeforeAll
    static void startFake() throws Exception {
        env = new AmpTestEnvironment();
    }

    @AfterAll
    static void stopFake() {
        env.close();
    }

    @AfterEach
    void shutdown() {
        engines.forEach(SessionEngine::shutdown);
        assertThat(AgentProcesses.matching("--execute=")).as("amp processes left behind").isEmpty();
    }

    private SessionEngine engine(Map<String, String> environment) {
        SessionEngine e = env.engine(environment);
        engines.add(e);
        return e;
    }

    private String create(SessionEngine engine, String agentMode, String permissionMode, Path directory) {
        String id = "amp-" + COUNTER.incrementAndGet();
        engine.createSession(id, new CreateSessionRequest(AmpAdapter.ID, agentMode, null,
                directory == null ? null : directory.toString(), null, null, permissionMode, null, null, null));
        sessions.add(id);
        return id;
    }

    private static boolean hangTextCompleted(UniversalEvent e) {
        return e.type() == UniversalEventType.ITEM_COMPLETED
                && ((dev.sandboxagent.core.schema.ItemEventData) e.data()).item().text().equals(FakeAmpScript.HANG_TEXT);
    }

    private FakeAmpThread thread(SessionEngine engine, String sessionId) {
        String native_ = engine.getSession(sessionId).nativeSessionId();
        assertThat(native_).startsWith("T-");
        return env.server.threads().get(native_);
    }

    @Test
    void agentModeIsPassedOnEveryTurnAndTheSecondTurnContinuesTheThread() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, "high", null, null);
        var first = turn(engine, s, "first message");
        var second = turn(engine, s, "second message");
        assertThat(completed(first).getLast().text()).endsWith("You said: first message (mode high)");
        assertThat(completed(second).getLast().text()).endsWith("You said: second message (mode high)");
        FakeAmpThread thread = thread(engine, s);
        assertThat(thread.userMessages()).extracting(m -> m.getString("agentMode")).containsExactly("high", "high");
        assertThat(env.server.log()).anyMatch(l -> l.contains("getThreadTail") && l.contains(thread.id()));
        assertThat(second).allMatch(e -> thread.id().equals(e.nativeSessionId()));
        EventInvariants.check(log(engine, s));
    }

    @Test
    void unknownModeIsRefused() {
        SessionEngine engine = engine(env.environment());
        assertThatThrownBy(() -> create(engine, "turbo", null, null)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("turbo");
    }

    @Test
    void theDaemonsEnvironmentAndTheSessionDirectoryReachAmp() throws Exception {
        Path dir = Files.createTempDirectory(env.work, "dir-");
        int before = env.server.authorizations().size();
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, "bypass", dir);
        var t = turn(engine, s, FakeAmpScript.WRITE);
        assertThat(completed(t, ItemKind.TOOL_RESULT)).singleElement()
                .extracting(UniversalItem::status).isEqualTo(ItemStatus.COMPLETED);
        assertThat(dir.resolve("notes.txt")).hasContent("hello");
        assertThat(thread(engine, s).workingDirectory()).isEqualTo(dir.toString());
        List<String> auth = env.server.authorizations();
        assertThat(auth.subList(before, auth.size())).isNotEmpty().allMatch(("Bearer " + FakeAmpServer.API_KEY)::equals);
    }

    @Test
    void defaultModeRejectsWhatAmpsBuiltInRulesWouldAskFor() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, null, null);
        var t = turn(engine, s, FakeAmpScript.RM);
        UniversalItem result = completed(t, ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(output(result)).startsWith("Tool rejected by plugin: Matches built-in permissions rule");
        assertThat(t).noneMatch(e -> e.type() == UniversalEventType.PERMISSION_REQUESTED);
        assertThat(TurnRunner.types(t)).last().isEqualTo("turn.ended");
    }

    @Test
    void bypassRunsWhatTheRulesWouldReject() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, "bypass", null);
        UniversalItem result = completed(turn(engine, s, FakeAmpScript.RM), ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(output(result)).contains("\"exitCode\":0");
    }

    @Test
    void planModeRejectsFileEditsAndAcceptEditsAllowsThem() throws Exception {
        SessionEngine engine = engine(env.environment());
        Path planDir = Files.createTempDirectory(env.work, "plan-");
        String plan = create(engine, null, "plan", planDir);
        UniversalItem rejected = completed(turn(engine, plan, FakeAmpScript.WRITE), ItemKind.TOOL_RESULT).getFirst();
        assertThat(rejected.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(output(rejected)).startsWith("Tool rejected by plugin: Rejected by user permissions rule");
        assertThat(planDir.resolve("notes.txt")).doesNotExist();

        Path editDir = Files.createTempDirectory(env.work, "edits-");
        String edits = create(engine, null, "acceptEdits", editDir);
        UniversalItem written = completed(turn(engine, edits, FakeAmpScript.WRITE), ItemKind.TOOL_RESULT).getFirst();
        assertThat(written.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(editDir.resolve("notes.txt")).hasContent("hello");
    }

    @Test
    void messagesPostedDuringATurnRunInOrder() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, null, null);
        List<String> turnIds = List.of("one", "two", "three").stream()
                .map(m -> engine.postMessage(s, MessageRequest.of("message " + m))).toList();
        until(engine, s, 0, e -> e.type() == UniversalEventType.TURN_ENDED
                && ((TurnEventData) e.data()).turnId().equals(turnIds.getLast()));
        List<UniversalEvent> all = log(engine, s);
        assertThat(completed(all).stream().filter(i -> i.role() == dev.sandboxagent.core.schema.ItemRole.ASSISTANT)
                .map(UniversalItem::text)).containsExactly(
                "Hello from the fake Amp server. You said: message one (mode medium)",
                "Hello from the fake Amp server. You said: message two (mode medium)",
                "Hello from the fake Amp server. You said: message three (mode medium)");
        assertThat(thread(engine, s).userMessages()).hasSize(3);
        EventInvariants.check(all);
    }

    @Test
    void aServerErrorIsAnErrorEventAndTheSessionGoesOn() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, null, null);
        var failed = turn(engine, s, FakeAmpScript.FAIL);
        assertThat(failed).filteredOn(ofType(UniversalEventType.ERROR)).singleElement()
                .satisfies(e -> assertThat(((ErrorData) e.data()).message()).isEqualTo("fake inference failure"));
        assertThat(((JsonObject) ((TurnEventData) failed.getLast().data()).metadata()).getString("stop_reason"))
                .isEqualTo("error");
        assertThat(completed(turn(engine, s, "still there?")).getLast().text()).contains("still there?");
    }

    @Test
    void interruptEndsTheTurnsProcessAndTheNextTurnContinuesTheThread() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, null, null);
        String turnId = engine.postMessage(s, MessageRequest.of(FakeAmpScript.HANG));
        until(engine, s, 0, AmpSessionTest::hangTextCompleted);
        String threadId = engine.getSession(s).nativeSessionId();
        engine.interrupt(s);
        var rest = until(engine, s, 0, ofType(UniversalEventType.TURN_ENDED));
        TurnEventData ended = (TurnEventData) rest.getLast().data();
        assertThat(ended.turnId()).isEqualTo(turnId);
        assertThat(((JsonObject) ended.metadata()).getString("stop_reason")).isEqualTo("interrupted");
        assertThat(rest).noneMatch(e -> e.type() == UniversalEventType.ERROR);
        assertThat(AgentProcesses.matching("--execute=" + FakeAmpScript.HANG)).isEmpty();
        turn(engine, s, "after the interrupt");
        assertThat(engine.getSession(s).nativeSessionId()).isEqualTo(threadId);
        assertThat(env.server.threads().get(threadId).userMessages()).hasSize(2);
    }

    @Test
    void terminateDuringATurnEndsItsProcess() {
        SessionEngine engine = engine(env.environment());
        String s = create(engine, null, null, null);
        engine.postMessage(s, MessageRequest.of(FakeAmpScript.HANG));
        until(engine, s, 0, AmpSessionTest::hangTextCompleted);
        engine.terminate(s);
        List<UniversalEvent> all = log(engine, s);
        SessionEndedData end = (SessionEndedData) all.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.TERMINATED);
        assertThat(AgentProcesses.matching("--execute=" + FakeAmpScript.HANG)).isEmpty();
        EventInvariants.check(all);
    }

    @Test
    void withoutAnApiKeyTheSessionEndsSayingSo() {
        Map<String, String> noKey = new java.util.HashMap<>(env.environment());
        noKey.remove("AMP_API_KEY");
        SessionEngine engine = engine(noKey);
        String s = create(engine, null, null, null);
        engine.postMessage(s, MessageRequest.of("say hello"));
        var events = until(engine, s, 0, ofType(UniversalEventType.SESSION_ENDED));
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(end.message()).contains("AMP_API_KEY");
        EventInvariants.check(log(engine, s));
    }

    @Test
    void aRefusedApiKeyEndsTheSessionWithAmpsError() {
        Map<String, String> wrongKey = new java.util.HashMap<>(env.environment());
        wrongKey.put("AMP_API_KEY", "not-the-key");
        SessionEngine engine = engine(wrongKey);
        String s = create(engine, null, null, null);
        engine.postMessage(s, MessageRequest.of("say hello"));
        var events = until(engine, s, 0, ofType(UniversalEventType.SESSION_ENDED));
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(end.exitCode()).isEqualTo(1);
        assertThat(end.message()).contains("Invalid or missing API key");
        assertThat(end.stderr().head()).contains("Invalid or missing API key");
    }
}
