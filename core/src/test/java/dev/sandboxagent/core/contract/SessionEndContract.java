package dev.sandboxagent.core.contract;

import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.FollowMode;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.TurnRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract after a session's end: what terminate, interrupt and shutdown leave, and how
 * followers behave once the session has ended ({@link dev.sandboxagent.core.port.FollowMode}).
 */
public abstract class SessionEndContract extends ContractKitBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    // ---- interrupt, terminate ------------------------------------------------------------

    @Test
    void interruptEndsTheTurnAndTerminateEndsTheSession() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        String turnId = sessions.postMessage("s", MessageRequest.of("hang"));
        try (EventStream s = sessions.follow("s", 0)) {
            Iterator<UniversalEvent> it = s.stream().iterator();
            next(it, ofType(UniversalEventType.ITEM_DELTA));
            sessions.interrupt("s");
            TurnEventData ended = (TurnEventData) next(it, turnEnded(turnId)).data();
            assertThat(ended.metadata().toString()).contains("interrupted");
            sessions.terminate("s");
            sessions.terminate("s"); // idempotent
            SessionEndedData end = (SessionEndedData) next(it, ofType(UniversalEventType.SESSION_ENDED)).data();
            assertThat(end.reason()).isEqualTo(SessionEndReason.TERMINATED);
            assertThat(it.hasNext()).as("a follower of an ended session finishes").isFalse();
        }
        SessionInfo info = sessions.getSession("s");
        assertThat(info.ended()).isTrue();
        try (EventStream s = sessions.follow("s", 0)) {
            assertThat(s.stream().count()).isEqualTo(info.eventCount());
        }
        try (EventStream s = sessions.follow("s", info.eventCount())) {
            assertThat(s.stream().count()).isZero();
        }
    }

    @Test
    void aMessageToAnEndedSessionContinuesItAndLiveFollowersSeeIt() throws InterruptedException {
        long ended = endedSession();
        try (EventStream live = sessions.follow("s", 0, FollowMode.LIVE)) {
            assertThat(TurnRunner.take(live, ended).getLast().type()).isEqualTo(UniversalEventType.SESSION_ENDED);
            String turnId = sessions.postMessage("s", MessageRequest.of("text again"));
            assertThat(sessions.getSession("s").ended()).isFalse();
            List<UniversalEvent> continued = new ArrayList<>(TurnRunner.take(live, 1));
            while (!turnEnded(turnId).test(continued.getLast())) {
                continued.addAll(TurnRunner.take(live, 1));
            }
            assertThat(continued.getFirst().type()).isEqualTo(UniversalEventType.SESSION_STARTED);
            assertThat(continued.getFirst().nativeSessionId()).isEqualTo("mock-s");
            assertThat(sequences(continued)).isEqualTo(LongStream.rangeClosed(ended + 1, ended + continued.size())
                    .boxed().toList());
            assertThat(lastReply(continued)).isEqualTo("again");
        }
    }

    @Test
    void shutdownEndsEverySession() {
        sessions.createSession("a", CreateSessionRequest.forAgent("mock"));
        sessions.createSession("b", CreateSessionRequest.forAgent("mock"));
        sessions.shutdown();
        assertThat(sessions.listSessions()).allSatisfy(s -> assertThat(s.ended()).isTrue());
    }

    // ---- following after the end ---------------------------------------------------------

    @Test
    void aLiveFollowerStaysAfterTheEndAndFinishesWhenTheSessionIsDeleted() throws InterruptedException {
        long total = endedSession();
        try (EventStream live = sessions.follow("s", 0, FollowMode.LIVE)) {
            List<UniversalEvent> events = TurnRunner.take(live, total);
            assertThat(events.getLast().type()).isEqualTo(UniversalEventType.SESSION_ENDED);
            assertThat(live.poll(Duration.ofMillis(300))).as("nothing after the end").isEmpty();
            assertThat(live.isFinished()).as("a live follower stays after the end").isFalse();
            sessions.deleteSession("s");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!live.isFinished() && System.nanoTime() < deadline) {
                assertThat(live.poll(Duration.ofMillis(200))).isEmpty();
            }
            assertThat(live.isFinished()).as("finished within %s of the session's deletion", WAIT).isTrue();
        }
    }

    /** Session "s": created, a message posted, terminated; returns its event count. */
    private long endedSession() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        sessions.postMessage("s", MessageRequest.of("text hello"));
        sessions.terminate("s");
        return sessions.getSession("s").eventCount();
    }
}
