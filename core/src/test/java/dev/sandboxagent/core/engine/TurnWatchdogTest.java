package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static dev.sandboxagent.core.testing.MockEngine.ofType;
import static dev.sandboxagent.core.testing.MockEngine.turnEnded;
import static dev.sandboxagent.core.testing.MockEngine.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The turn watchdog: a silent turn is interrupted with an error event of code timeout, and the session goes on. */
class TurnWatchdogTest {

    private static final long TIMEOUT_MS = 300;

    @TempDir
    Path dir;

    private SessionEngine engine;
    private MockEngine mock;

    private SessionEngine engine(long defaultTimeoutMs) {
        mock = new MockEngine(dir, new StubProcessAdapter());
        engine = new SessionEngine(mock.agents, dir, defaultTimeoutMs);
        return engine;
    }

    @AfterEach
    void shutdown() {
        if (engine != null) {
            engine.shutdown();
        }
    }

    private List<UniversalEvent> until(String session, long from, Predicate<UniversalEvent> last) {
        return TurnRunner.until(engine, session, from, last);
    }

    private static List<ErrorData> timeouts(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ERROR).map(e -> (ErrorData) e.data())
                .filter(d -> "timeout".equals(d.code())).toList();
    }

    @Test
    void aSilentMockTurnIsInterruptedWithATimeoutErrorAndTheNextMessageWorks() {
        engine(0).createSession("s", CreateSessionRequest.forAgent("mock").withTurnIdleTimeoutMs(TIMEOUT_MS));
        String turn = engine.postMessage("s", MessageRequest.of("hang"));
        List<UniversalEvent> events = until("s", 0, turnEnded(turn));
        assertThat(timeouts(events)).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("silent for " + TIMEOUT_MS + " ms");
            assertThat(e.details().toString()).contains("\"turnIdleTimeoutMs\":" + TIMEOUT_MS);
        });
        // interrupted through the adapter: the mock itself ended the turn, as interrupted
        assertThat(events.getLast().source()).isEqualTo(EventSource.AGENT);
        assertThat(events.getLast().data().toString()).contains("interrupted");
        assertThat(types(events)).containsSubsequence("error", "item.completed", "turn.ended");

        long from = engine.getSession("s").eventCount();
        String next = engine.postMessage("s", MessageRequest.of("still here"));
        List<UniversalEvent> after = until("s", from, turnEnded(next));
        assertThat(types(after)).contains("item.completed");
        assertThat(timeouts(after)).isEmpty();
        assertThat(engine.getSession("s").ended()).isFalse();
    }

    @Test
    void aProcessThatIgnoresTheInterruptStillHasItsTurnEndedByTheEngine() {
        engine(0).createSession("p", CreateSessionRequest.forAgent(StubProcessAdapter.ID).withTurnIdleTimeoutMs(TIMEOUT_MS));
        String turn = engine.postMessage("p", MessageRequest.of("deaf"));
        List<UniversalEvent> events = until("p", 0, turnEnded(turn));
        assertThat(timeouts(events)).hasSize(1);
        // the stub never ended it: the turn end is the daemon's
        assertThat(events.getLast().source()).isEqualTo(EventSource.DAEMON);
        assertThat(engine.getSession("p").ended()).isFalse();
        // the session still takes messages: the next turn starts
        long from = engine.getSession("p").eventCount();
        String next = engine.postMessage("p", MessageRequest.of("echo"));
        assertThat(until("p", from, ofType(UniversalEventType.TURN_STARTED)).getLast().data().toString()).contains(next);
    }

    @Test
    void theDaemonDefaultAppliesAndASessionCanTurnItOff() {
        engine(TIMEOUT_MS).createSession("d", CreateSessionRequest.forAgent("mock"));
        String turn = engine.postMessage("d", MessageRequest.of("hang"));
        assertThat(timeouts(until("d", 0, turnEnded(turn)))).hasSize(1);

        engine.createSession("off", CreateSessionRequest.forAgent("mock").withTurnIdleTimeoutMs(0L));
        engine.postMessage("off", MessageRequest.of("hang"));
        until("off", 0, ofType(UniversalEventType.ITEM_DELTA));
        sleep(3 * TIMEOUT_MS);
        assertThat(engine.events("off", 0, 1000).events().stream().map(e -> e.type()))
                .doesNotContain(UniversalEventType.ERROR, UniversalEventType.TURN_ENDED);
    }

    @Test
    void waitingForAHumansAnswerIsNotSilence() {
        engine(0).createSession("h", CreateSessionRequest.forAgent("mock").withTurnIdleTimeoutMs(TIMEOUT_MS));
        String turn = engine.postMessage("h", MessageRequest.of("permission"));
        List<UniversalEvent> asked = until("h", 0, ofType(UniversalEventType.PERMISSION_REQUESTED));
        sleep(3 * TIMEOUT_MS);
        String permissionId = ((PermissionEventData) asked.getLast().data()).permissionId();
        engine.replyPermission("h", permissionId, PermissionReply.ONCE);
        List<UniversalEvent> events = until("h", 0, turnEnded(turn));
        assertThat(timeouts(events)).isEmpty();
        assertThat(events.getLast().data().toString()).doesNotContain("interrupted");
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        engine(0);
        assertThatThrownBy(() -> engine.createSession("n", CreateSessionRequest.forAgent("mock").withTurnIdleTimeoutMs(-1L)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST))
                .hasMessageContaining("turnIdleTimeoutMs");
        assertThat(engine.listSessions()).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
