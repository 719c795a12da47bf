package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.mock.MockAgentAdapter;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.port.SessionUsage;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.RecordingObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine on the store a previous engine left (its process gone without ending its sessions)
 * lists those sessions as ended, serves their logs, and continues one when a message comes.
 */
class SessionRestoreTest {

    @TempDir
    Path dir;
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void clean() {
        cleanup.forEach(Runnable::run);
    }

    private FileEventStore store;

    private MockEngine engine() {
        return engine(EngineObserver.NONE);
    }

    private MockEngine engine(EngineObserver observer) {
        store = new FileEventStore(dir.resolve("sessions"), 64 * 1024, 16);
        MockEngine mock = new MockEngine(dir, store, observer);
        cleanup.add(mock.engine::shutdown);
        cleanup.add(store::close);
        return mock;
    }

    @Test
    void aRunningSessionEndsWithErrorAndAnEndedOneStaysAsItWasThenOneContinuesWithTheSameSequence() {
        MockEngine first = engine();
        first.create("running");
        first.turn("running", "stream a b c d e f g h i j k l m n o p q r s t");
        first.create("done");
        first.turn("done", "hello");
        first.engine.terminate("done");
        List<String> before = jsonOf(first.engine.events("running", 0, 10_000));
        List<String> doneBefore = jsonOf(first.engine.events("done", 0, 10_000));
        store.close(); // as when the process dies: the first engine's sessions were never ended

        MockEngine second = engine();
        assertThat(second.engine.restoreSessions()).isEqualTo(2);
        assertThat(second.engine.listSessions()).extracting(SessionInfo::sessionId).containsExactlyInAnyOrder("running", "done");
        assertThat(second.engine.listSessions()).allMatch(SessionInfo::ended);
        assertThat(jsonOf(second.engine.events("done", 0, 10_000))).isEqualTo(doneBefore);

        List<String> after = jsonOf(second.engine.events("running", 0, 10_000));
        assertThat(after.subList(0, before.size())).as("the log as clients got it").isEqualTo(before);
        assertThat(after).hasSize(before.size() + 1);
        UniversalEvent end = second.engine.events("running", before.size(), 1).events().getFirst();
        assertThat(end.type()).isEqualTo(UniversalEventType.SESSION_ENDED);
        assertThat(((SessionEndedData) end.data()).message()).isEqualTo(SessionRestore.STOPPED);
        assertThat(end.sequence()).isEqualTo(before.size() + 1L);

        List<UniversalEvent> turn = second.turn("running", "again");
        assertThat(turn.getFirst().sequence()).isGreaterThan(end.sequence());
        UniversalEvent restarted = second.engine.events("running", end.sequence(), 1).events().getFirst();
        assertThat(restarted.type()).isEqualTo(UniversalEventType.SESSION_STARTED);
        assertThat(restarted.nativeSessionId()).isEqualTo("mock-running");
        assertThat(restarted.sequence()).isEqualTo(end.sequence() + 1);
        assertThat(second.engine.getSession("running").ended()).isFalse();
        assertThat(turn.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
    }

    @Test
    void usageSurvivesTheRestartAndTheReopenedSessionIsCountedLiveBeforeItEnds() {
        MockEngine first = engine();
        first.create("s");
        first.turn("s", "hello");
        first.turn("s", "text abc");
        SessionUsage before = first.engine.getSession("s").usage();
        store.close(); // the process dies

        RecordingObserver observer = new RecordingObserver();
        MockEngine second = engine(observer);
        second.engine.restoreSessions();
        SessionUsage restored = second.engine.getSession("s").usage();
        assertThat(restored).usingRecursiveComparison().ignoringFields("lastActivityAt").isEqualTo(before);
        assertThat(restored.turns()).isEqualTo(2);
        assertThat(observer.seen("session")).as("live, then ended by the restore: never below zero")
                .containsExactly("sessionReopened mock", "sessionEnded mock error");

        second.turn("s", "again");
        TurnUsage again = MockAgentAdapter.usage("again");
        SessionUsage continued = second.engine.getSession("s").usage();
        assertThat(continued.turns()).isEqualTo(3);
        assertThat(continued.inputTokens()).isEqualTo(before.inputTokens() + again.inputTokens());
        assertThat(continued.costUsd()).isEqualByComparingTo(before.costUsd().add(again.costUsd()));
        assertThat(observer.seen("session")).containsExactly("sessionReopened mock", "sessionEnded mock error",
                "sessionReopened mock");
        store.close();

        MockEngine third = engine();
        third.engine.restoreSessions();
        assertThat(third.engine.getSession("s").usage()).usingRecursiveComparison().ignoringFields("lastActivityAt")
                .isEqualTo(continued);
    }

    private static List<String> jsonOf(LogPage page) {
        return page.logged().stream().map(e -> e.json(true)).toList();
    }
}
