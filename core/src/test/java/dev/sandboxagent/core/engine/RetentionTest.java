package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retention: the oldest ended sessions go first, a running one never, and their files go with them. */
class RetentionTest {

    @TempDir
    Path dir;
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void clean() {
        cleanup.reversed().forEach(Runnable::run);
    }

    private static Retention.Candidate ended(String id, long at, long bytes) {
        return new Retention.Candidate(id, true, at, bytes);
    }

    @Test
    void anAgeLimitSelectsEndedSessionsOlderThanItOldestFirst() {
        Retention r = new Retention(Duration.ofSeconds(10), 0);
        List<Retention.Candidate> all = List.of(ended("young", 95_000, 1), ended("old", 50_000, 1),
                ended("older", 10_000, 1), new Retention.Candidate("running", false, 0, 1));
        assertThat(r.select(all, 100_000)).containsExactly("older", "old");
    }

    @Test
    void aDiskLimitSelectsTheOldestEndedSessionsUntilTheTotalFitsCountingRunningOnes() {
        Retention r = new Retention(null, 100);
        List<Retention.Candidate> all = List.of(ended("c", 3, 30), ended("a", 1, 30), ended("b", 2, 30),
                new Retention.Candidate("running", false, 0, 50));
        assertThat(r.select(all, 10)).containsExactly("a", "b"); // 140 → 110 → 80
        assertThat(new Retention(null, 50).select(all, 10)).containsExactly("a", "b", "c"); // the running one stays
        assertThat(new Retention(null, 140).select(all, 10)).isEmpty();
        assertThat(Retention.NONE.select(all, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retention(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private MockEngine engine(FileEventStore store) {
        MockEngine mock = new MockEngine(dir, store);
        cleanup.add(store::close);
        cleanup.add(mock.engine::shutdown);
        return mock;
    }

    @Test
    void pruningDeletesEndedSessionsAndTheirFilesButNeverARunningOne() throws Exception {
        Path sessions = dir.resolve("sessions");
        FileEventStore store = new FileEventStore(sessions, 64 * 1024, 16);
        MockEngine mock = engine(store);
        for (String id : List.of("a", "b", "c")) {
            mock.create(id);
            mock.turn(id, "stream one two three");
            mock.engine.terminate(id); // ended, its log synced: its size is final
            Thread.sleep(5); // so that a, b, c end in that order
        }
        mock.create("running");
        mock.turn("running", "stream one two three four five six");
        mock.engine.events("running", 0, 10_000); // a read writes its buffered events out
        long total = stableTotal(store, List.of("a", "b", "c", "running"));
        assertThat(store.storedBytes("a")).isPositive();

        // over by less than a's size, under a's and b's: only a goes (the slack absorbs a late write of
        // the running session, e.g. its metadata rewritten after its turn ended)
        long limit = total - store.storedBytes("a") + store.storedBytes("b") - 1;
        assertThat(mock.engine.prune(new Retention(null, limit))).as("limit %s, sizes now %s", limit,
                List.of("a", "b", "c", "running").stream().map(id -> id + "=" + store.storedBytes(id)).toList())
                .containsExactly("a");
        assertThat(sessions.resolve("a")).doesNotExist();
        assertThat(mock.engine.listSessions()).extracting(SessionInfo::sessionId).containsExactly("b", "c", "running");

        // a limit no ended session can meet: every ended one goes, the running one stays with its files
        assertThat(mock.engine.prune(new Retention(null, 1))).containsExactly("b", "c");
        assertThat(mock.engine.listSessions()).extracting(SessionInfo::sessionId).containsExactly("running");
        assertThat(sessions.resolve("running")).isDirectory();
        assertThat(mock.turn("running", "hello")).isNotEmpty();

        // by age: once it has ended and aged, it goes too
        assertThat(mock.engine.prune(new Retention(Duration.ofMillis(1), 0))).isEmpty();
        mock.engine.terminate("running");
        Thread.sleep(20);
        assertThat(mock.engine.prune(new Retention(Duration.ofMillis(1), 0))).containsExactly("running");
        assertThat(mock.engine.listSessions()).isEmpty();
        try (var left = Files.list(sessions)) {
            assertThat(left.filter(Files::isDirectory)).isEmpty();
        }
    }

    /** The sessions' stored bytes once they stopped changing (a turn's metadata is rewritten after its end). */
    private static long stableTotal(FileEventStore store, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long before = -1;
        while (System.nanoTime() < deadline) {
            long now = ids.stream().mapToLong(store::storedBytes).sum();
            if (now == before) {
                return now;
            }
            before = now;
            Thread.sleep(200);
        }
        throw new AssertionError("the sessions' stored bytes did not settle within 10 s");
    }

    @Test
    void aRestoredSessionKeepsTheTimeOfItsLastEventSoARestartDoesNotMakeItYoung() throws InterruptedException {
        Path sessions = dir.resolve("sessions");
        FileEventStore first = new FileEventStore(sessions, 64 * 1024, 16);
        MockEngine one = new MockEngine(dir, first);
        one.create("s");
        one.turn("s", "hello");
        one.engine.terminate("s");
        long endedAt = one.engine.getSession("s").updatedAt();
        one.engine.shutdown();
        first.close();
        Thread.sleep(1_500);

        MockEngine two = engine(new FileEventStore(sessions, 64 * 1024, 16));
        assertThat(two.engine.restoreSessions()).isEqualTo(1);
        // its last event's time stamp (taken a moment apart from updatedAt, hence the tolerance), not the restart's
        assertThat(two.engine.getSession("s").updatedAt()).isBetween(endedAt - 500, endedAt + 500);
        assertThat(two.engine.prune(new Retention(Duration.ofMillis(1_000), 0))).containsExactly("s");
        assertThat(sessions.resolve("s")).doesNotExist();
    }
}
