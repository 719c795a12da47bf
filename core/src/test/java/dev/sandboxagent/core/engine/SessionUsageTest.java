package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.mock.MockAgentAdapter;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionUsage;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.RecordingObserver;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

import static dev.sandboxagent.core.testing.MockEngine.ofType;
import static org.assertj.core.api.Assertions.assertThat;

/** The session's usage is the exact sum of its turns' reports, and the engine reports what it does to its observer. */
class SessionUsageTest {

    @TempDir
    Path dir;

    @Test
    void usageSumsTheTurnsReportsExactly() {
        MockEngine mock = new MockEngine(dir);
        mock.create("s");
        assertThat(mock.engine.getSession("s").usage()).isEqualTo(new SessionUsage(0, 0, 0, 0, null, 0,
                mock.engine.getSession("s").updatedAt()));

        mock.turn("s", "hello");
        mock.turn("s", "text abc");
        mock.turn("s", "stream one two three");

        SessionUsage usage = mock.engine.getSession("s").usage();
        TurnUsage expected = MockAgentAdapter.usage("hello").plus(MockAgentAdapter.usage("text abc"))
                .plus(MockAgentAdapter.usage("stream one two three"));
        assertThat(usage.turns()).isEqualTo(3);
        assertThat(usage.inputTokens()).isEqualTo(5 + 8 + 20).isEqualTo(expected.inputTokens());
        assertThat(usage.outputTokens()).isEqualTo(30);
        assertThat(usage.cachedTokens()).isEqualTo(15);
        assertThat(usage.costUsd()).isEqualByComparingTo(new BigDecimal("0.03"));
        assertThat(usage.turnWallMs()).isGreaterThanOrEqualTo(0);
        assertThat(usage.lastActivityAt()).isEqualTo(mock.engine.getSession("s").updatedAt())
                .isGreaterThanOrEqualTo(mock.engine.getSession("s").createdAt());
        assertThat(mock.engine.listSessions().getFirst().usage()).isEqualTo(usage);
    }

    @Test
    void aTurnWithoutAReportCountsAsATurnWithNoTokensAndNoCost() {
        MockEngine mock = new MockEngine(dir, new StubProcessAdapter());
        mock.engine.createSession("x", CreateSessionRequest.forAgent(StubProcessAdapter.ID));
        mock.turn("x", "hi");
        SessionUsage usage = mock.engine.getSession("x").usage();
        assertThat(usage.turns()).isEqualTo(1);
        assertThat(usage.inputTokens() + usage.outputTokens() + usage.cachedTokens()).isZero();
        assertThat(usage.costUsd()).isNull();
        mock.engine.deleteSession("x");
    }

    @Test
    void theObserverHearsAScriptedSession() {
        RecordingObserver observer = new RecordingObserver();
        MockEngine mock = new MockEngine(dir, observer, new StubProcessAdapter());
        mock.create("s");
        mock.turn("s", "hello");
        long from = mock.engine.getSession("s").eventCount();
        mock.engine.postMessage("s", MessageRequest.of("permission"));
        var asked = mock.readUntil("s", from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        mock.engine.replyPermission("s", ((PermissionEventData) asked.getLast().data()).permissionId(),
                PermissionReply.ONCE);
        mock.readUntil("s", from, MockEngine.turnEnded("turn_2"));
        mock.engine.createSession("x", CreateSessionRequest.forAgent(StubProcessAdapter.ID));
        mock.engine.postMessage("x", MessageRequest.of("crash"));
        mock.readUntil("x", 0, ofType(UniversalEventType.SESSION_ENDED));
        mock.engine.deleteSession("s");

        assertThat(observer.seen("sessionCreated")).containsExactly("sessionCreated mock", "sessionCreated stub");
        assertThat(observer.seen("turnStarted")).containsExactly("turnStarted mock", "turnStarted mock",
                "turnStarted stub");
        assertThat(observer.seen("turnEnded")).containsExactly("turnEnded mock completed", "turnEnded mock completed",
                "turnEnded stub aborted");
        assertThat(observer.usages()).containsExactly(MockAgentAdapter.usage("hello"),
                MockAgentAdapter.usage("permission"), TurnUsage.NONE);
        assertThat(observer.seen("request")).containsExactly("requestOpened mock permission",
                "requestResolved mock permission accept");
        assertThat(observer.seen("agentExited")).containsExactly("agentExited stub 137 false");
        assertThat(observer.seen("sessionEnded")).containsExactly("sessionEnded stub error", "sessionEnded mock terminated");
        assertThat(observer.seen("event mock")).contains("event mock session.started", "event mock turn.started",
                "event mock permission.requested", "event mock permission.resolved", "event mock session.ended");
        assertThat(observer.seen("event mock turn.ended")).hasSize(2);
    }

    @Test
    void aSessionContinuedAfterItsEndInThisRunIsCountedLiveAgainAndItsUsageGoesOn() {
        RecordingObserver observer = new RecordingObserver();
        MockEngine mock = new MockEngine(dir, observer);
        mock.create("s");
        mock.turn("s", "hello");
        mock.engine.terminate("s");
        mock.turn("s", "again"); // continues it
        mock.engine.terminate("s");
        // created + reopened - ended: active goes 1, 0, 1, 0, never below zero
        assertThat(observer.seen("session")).containsExactly("sessionCreated mock", "sessionEnded mock terminated",
                "sessionReopened mock", "sessionEnded mock terminated");
        assertThat(mock.engine.getSession("s").usage().turns()).isEqualTo(2);
    }
}
