package dev.sandboxagent.core.store;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Disk full (or a file size limit, or an unwritable directory) under one session's log: that
 * log keeps its events in memory, the session gets an error naming the cause and its agent is
 * stopped, health reports degraded storage, and every other session goes on.
 */
class StoreWriteFailureTest {

    @TempDir
    Path dir;
    private final FullDisk disk = new FullDisk();
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void clean() {
        cleanup.reversed().forEach(Runnable::run);
    }

    private FileEventStore store(LogFiles files) {
        FileEventStore store = new FileEventStore(dir.resolve("sessions"), 4096, 16, files);
        cleanup.add(store::close);
        return store;
    }

    @Test
    void aLogThatCannotBeWrittenKeepsEveryEventReadableAndSaysWhyOnce() {
        FileEventStore store = store(disk);
        SessionLogStore full = store.create("full");
        SessionLogStore fine = store.create("fine");
        List<String> heard = new ArrayList<>();
        full.onFailure(heard::add);
        FileEventStoreTest.fill(full, 1, 100);
        FileEventStoreTest.fill(fine, 1, 100);
        full.sync();
        assertThat(store.problem()).isNull();

        disk.fill(dir.resolve("sessions/full"));
        FileEventStoreTest.fill(full, 101, 250);
        FileEventStoreTest.fill(fine, 101, 250);
        FileEventStoreTest.assertIntact(full, 250); // from the files up to 100, from memory after
        FileEventStoreTest.assertIntact(fine, 250);
        full.sync(); // nothing more is written, and nothing is thrown
        FileEventStoreTest.fill(full, 251, 260);
        FileEventStoreTest.assertIntact(full, 260);

        assertThat(heard).hasSize(1);
        assertThat(heard.getFirst()).contains(FullDisk.ENOSPC).contains("full");
        assertThat(store.problem()).startsWith("session full: ").contains(FullDisk.ENOSPC);

        store.close(); // a restart: the files hold what was written before the failure
        FileEventStore again = store(LogFiles.DEFAULT);
        List<RecoveredLog> found = again.recover();
        RecoveredLog fullAgain = found.stream().filter(r -> r.sessionId().equals("full")).findFirst().orElseThrow();
        RecoveredLog fineAgain = found.stream().filter(r -> r.sessionId().equals("fine")).findFirst().orElseThrow();
        // a prefix: what was written before, plus whatever whole records the torn write left
        long kept = fullAgain.log().lastSequence();
        assertThat(kept).isBetween(100L, 250L);
        FileEventStoreTest.assertIntact(fullAgain.log(), kept);
        FileEventStoreTest.assertIntact(fineAgain.log(), 250);
        assertThat(again.problem()).isNull();
    }

    @Test
    void aDirectoryThatCannotBeWrittenRefusesNewLogsAndSaysSoUntilOneCanBeCreated() throws Exception {
        FileEventStore store = store(path -> {
            if (path.toString().contains("refused")) {
                throw new java.nio.file.AccessDeniedException(path.toString());
            }
            return LogFiles.DEFAULT.open(path);
        });
        assertThatThrownBy(() -> store.create("refused")).isInstanceOf(StoreException.class)
                .hasMessageContaining("refused");
        assertThat(store.problem()).contains("cannot create").contains("refused");
        store.create("accepted");
        assertThat(store.problem()).isNull();

        SessionLogStore meta = store.create("meta"); // its metadata cannot be written: a directory is in the way
        Files.createDirectories(dir.resolve("sessions/meta/session.json.tmp"));
        assertThatThrownBy(() -> meta.writeMeta("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StoreException.class).hasMessageContaining("session.json");
        assertThat(store.problem()).contains("session.json");
        store.create("later");
        assertThat(store.problem()).isNull();
    }

    @Test
    void aRestoredSessionWhoseLogCannotBeWrittenIsNotContinued() {
        FileEventStore first = store(LogFiles.DEFAULT);
        MockEngine one = new MockEngine(dir, first);
        one.create("s");
        one.turn("s", "hello");
        first.close(); // as when the process dies: the session was running

        disk.fill(dir.resolve("sessions/s"));
        MockEngine two = new MockEngine(dir, store(disk));
        cleanup.add(two.engine::shutdown);
        assertThat(two.engine.restoreSessions()).isEqualTo(1); // it gets session.ended, which cannot be written
        assertThat(two.engine.events("s", 0, 1000).events().getLast().type())
                .isEqualTo(UniversalEventType.SESSION_ENDED);
        assertThatThrownBy(() -> two.engine.postMessage("s", MessageRequest.of("again")))
                .isInstanceOf(SandboxException.class).hasMessageContaining("cannot go on")
                .hasMessageContaining(FullDisk.ENOSPC);
    }

    @Test
    void theSessionGetsAnErrorItsAgentIsStoppedHealthIsDegradedAndOtherSessionsGoOn() throws Exception {
        FileEventStore store = store(disk);
        MockEngine mock = new MockEngine(dir, store, new StubProcessAdapter());
        cleanup.add(mock.engine::shutdown);
        mock.engine.createSession("full", CreateSessionRequest.forAgent(StubProcessAdapter.ID));
        mock.create("fine");
        mock.turn("fine", "hello");
        String nativeId = mock.engine.getSession("full").nativeSessionId();
        ProcessHandle agent = ProcessHandle.of(Long.parseLong(nativeId.substring("stub-".length()))).orElseThrow();
        assertThat(mock.engine.storageProblem()).isNull();

        disk.fill(dir.resolve("sessions/full"));
        mock.engine.postMessage("full", MessageRequest.of("anything"));
        List<UniversalEvent> events = mock.readUntil("full", 0, e -> e.type() == UniversalEventType.SESSION_ENDED);

        UniversalEvent error = events.stream().filter(e -> e.type() == UniversalEventType.ERROR).findFirst().orElseThrow();
        assertThat(((ErrorData) error.data()).code()).isEqualTo("event_log_write_failed");
        assertThat(((ErrorData) error.data()).message()).contains(FullDisk.ENOSPC).contains("the agent was stopped");
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(end.terminatedBy()).isEqualTo(TerminatedBy.DAEMON);
        assertThat(end.message()).contains(FullDisk.ENOSPC);
        agent.onExit().get(30, TimeUnit.SECONDS); // the agent does not go on unobserved
        assertThat(mock.engine.getSession("full").ended()).isTrue();
        assertThat(mock.engine.storageProblem()).contains("session full").contains(FullDisk.ENOSPC);
        assertThatThrownBy(() -> mock.engine.postMessage("full", MessageRequest.of("again"))) // not continued
                .isInstanceOf(SandboxException.class).hasMessageContaining("cannot go on");

        // the other session is not affected, and what it logs still reaches its files
        List<UniversalEvent> turn = mock.turn("fine", "again");
        assertThat(turn.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
        long fineEvents = mock.engine.getSession("fine").eventCount();

        mock.engine.deleteSession("full");
        assertThat(mock.engine.storageProblem()).as("storage is fine again once the failed log is gone").isNull();

        mock.engine.shutdown();
        store.close();
        MockEngine restarted = new MockEngine(dir, store(LogFiles.DEFAULT));
        cleanup.add(restarted.engine::shutdown);
        assertThat(restarted.engine.restoreSessions()).isEqualTo(1);
        assertThat(restarted.engine.getSession("fine").eventCount()).isGreaterThanOrEqualTo(fineEvents);
    }
}
