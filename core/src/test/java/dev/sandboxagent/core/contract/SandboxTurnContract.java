package dev.sandboxagent.core.contract;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port contract's turn scenarios ({@link SandboxContractKit} is the whole contract): permissions
 * and questions answered once, interrupt, terminate, shutdown, and many sessions at once.
 */
public abstract class SandboxTurnContract extends SandboxContractSupport {

    @Test
    void permissionOnceAlwaysAndReject() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        PermissionEventData once = permissionRound(PermissionReply.ONCE, "Permission granted once");
        assertType(() -> sessions.replyPermission("s", once.permissionId(), PermissionReply.ONCE),
                ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT);
        permissionRound(PermissionReply.REJECT, "Permission rejected");
        permissionRound(PermissionReply.ALWAYS, "Permission granted");
    }

    private PermissionEventData permissionRound(PermissionReply reply, String replyStart) {
        long from = sessions.getSession("s").eventCount();
        String turnId = sessions.postMessage("s", MessageRequest.of("permission"));
        try (EventStream s = sessions.follow("s", from)) {
            Iterator<UniversalEvent> it = s.stream().iterator();
            PermissionEventData asked = (PermissionEventData) next(it, ofType(UniversalEventType.PERMISSION_REQUESTED)).data();
            assertThat(asked.status()).isEqualTo(PermissionStatus.REQUESTED);
            sessions.replyPermission("s", asked.permissionId(), reply);
            PermissionEventData resolved = (PermissionEventData) next(it, ofType(UniversalEventType.PERMISSION_RESOLVED)).data();
            assertThat(resolved.permissionId()).isEqualTo(asked.permissionId());
            List<UniversalEvent> rest = new ArrayList<>();
            do {
                assertThat(it.hasNext()).as("the turn's end").isTrue();
                rest.add(it.next());
            } while (!turnEnded(turnId).test(rest.getLast()));
            assertThat(lastReply(rest)).startsWith(replyStart);
            return asked;
        }
    }

    @Test
    void questionAnsweredAndRejected() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        try (EventStream s = sessions.follow("s", 0)) {
            Iterator<UniversalEvent> it = s.stream().iterator();
            String turnId = sessions.postMessage("s", MessageRequest.of("question"));
            QuestionEventData q = (QuestionEventData) next(it, ofType(UniversalEventType.QUESTION_REQUESTED)).data();
            assertThat(q.options()).containsExactly("red", "green", "blue");
            sessions.replyQuestion("s", q.questionId(), List.of(List.of("green")));
            QuestionEventData answered = (QuestionEventData) next(it, ofType(UniversalEventType.QUESTION_RESOLVED)).data();
            assertThat(answered.status()).isEqualTo(QuestionStatus.ANSWERED);
            assertThat(answered.response()).isEqualTo("green");
            next(it, turnEnded(turnId));
            assertType(() -> sessions.rejectQuestion("s", q.questionId()), ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT);

            String second = sessions.postMessage("s", MessageRequest.of("question"));
            QuestionEventData q2 = (QuestionEventData) next(it, ofType(UniversalEventType.QUESTION_REQUESTED)).data();
            sessions.rejectQuestion("s", q2.questionId());
            QuestionEventData rejected = (QuestionEventData) next(it, ofType(UniversalEventType.QUESTION_RESOLVED)).data();
            assertThat(rejected.status()).isEqualTo(QuestionStatus.REJECTED);
            next(it, turnEnded(second));
        }
    }

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
        assertType(() -> sessions.postMessage("s", MessageRequest.of("hi")), ErrorType.INVALID_REQUEST);
        try (EventStream s = sessions.follow("s", 0)) {
            assertThat(s.stream().count()).isEqualTo(info.eventCount());
        }
        try (EventStream s = sessions.follow("s", info.eventCount())) {
            assertThat(s.stream().count()).isZero();
        }
    }

    @Test
    void shutdownEndsEverySession() {
        sessions.createSession("a", CreateSessionRequest.forAgent("mock"));
        sessions.createSession("b", CreateSessionRequest.forAgent("mock"));
        sessions.shutdown();
        assertThat(sessions.listSessions()).allSatisfy(s -> assertThat(s.ended()).isTrue());
    }

    @Test
    void fiftyConcurrentSessionsEachGetTheirOwnTurn() throws Exception {
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "c" + i;
            work.add(() -> {
                sessions.createSession(id, CreateSessionRequest.forAgent("mock"));
                try (EventStream t = sessions.postMessageAndFollowTurn(id, MessageRequest.of("stream " + id + " x y"))) {
                    List<UniversalEvent> events = t.stream().toList();
                    assertThat(events).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo(id));
                    return text(events);
                }
            });
        }
        List<String> texts = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> f : pool.invokeAll(work)) {
                texts.add(f.get());
            }
        }
        for (int i = 0; i < 50; i++) {
            assertThat(texts.get(i)).isEqualTo("c" + i + " x y");
        }
        assertThat(sessions.listSessions()).hasSize(50);
    }
}
