package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.StoredEngines;
import dev.sandboxagent.core.testing.TurnRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Followers after the session's end: a {@link FollowMode#LIVE} stream waits through the end and
 * carries the events of a continuation; an {@link FollowMode#UNTIL_END} one finishes; a deleted
 * session or a stopped engine finishes every stream.
 */
class LiveFollowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StoredEngines engines = new StoredEngines();

    @AfterEach
    void close() {
        engines.close();
    }

    @Test
    void aLiveFollowerOfAnEndedSessionStaysAndSeesItsContinuation() throws InterruptedException {
        MockEngine first = engines.next();
        first.create("s");
        first.turn("s", "hello");
        first.engine.terminate("s");
        engines.crash();

        MockEngine second = engines.next();
        second.engine.restoreSessions();
        long ended = second.engine.getSession("s").eventCount();
        try (LogStream live = second.engine.follow("s", 0, FollowMode.LIVE);
             LogStream untilEnd = second.engine.follow("s", 0, FollowMode.UNTIL_END)) {
            assertThat(TurnRunner.take(live, ended).getLast().type()).isEqualTo(UniversalEventType.SESSION_ENDED);
            assertThat(TurnRunner.take(untilEnd, ended)).hasSize((int) ended);
            assertThat(untilEnd.poll(Duration.ofMillis(50))).isEmpty();
            assertThat(untilEnd.isFinished()).isTrue();
            assertThat(live.poll(Duration.ofMillis(50))).as("nothing yet, and not finished").isEmpty();
            assertThat(live.isFinished()).isFalse();

            List<UniversalEvent> turn = second.turn("s", "again");
            long now = second.engine.getSession("s").eventCount();
            List<UniversalEvent> continued = TurnRunner.take(live, now - ended);
            assertThat(continued.getFirst().type()).isEqualTo(UniversalEventType.SESSION_STARTED);
            assertThat(continued.getFirst().sequence()).isEqualTo(ended + 1);
            assertThat(continued.getLast()).isEqualTo(turn.getLast());
        }
    }

    @Test
    void deletingTheSessionOrStoppingTheEngineFinishesLiveFollowers() throws InterruptedException {
        MockEngine mock = engines.next();
        mock.create("a");
        mock.create("b");
        mock.turn("a", "hello");
        mock.engine.terminate("a");
        long events = mock.engine.getSession("a").eventCount();
        try (LogStream a = mock.engine.follow("a", 0, FollowMode.LIVE);
             LogStream b = mock.engine.follow("b", 0, FollowMode.LIVE)) {
            TurnRunner.take(a, events);
            mock.engine.deleteSession("a");
            assertThat(a.poll(WAIT)).isEmpty();
            assertThat(a.isFinished()).as("finished once its session was deleted").isTrue();
            assertThatThrownBy(() -> mock.engine.follow("a", 0, FollowMode.LIVE)).isInstanceOf(SandboxException.class);

            TurnRunner.take(b, 1); // session.started; b runs on
            mock.engine.shutdown();
            List<UniversalEvent> rest = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!b.isFinished() && System.nanoTime() < deadline) {
                rest.addAll(b.poll(Duration.ofMillis(200)));
            }
            assertThat(b.isFinished()).as("finished once the engine stopped").isTrue();
            assertThat(rest.getLast().type()).isEqualTo(UniversalEventType.SESSION_ENDED);
        }
    }
}
