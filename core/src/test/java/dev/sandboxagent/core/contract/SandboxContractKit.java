package dev.sandboxagent.core.contract;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.port.AgentInfo;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.CreateSessionResponse;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the two inbound ports, {@link SessionService} and {@link AgentService}, run
 * against every implementation of them: the engine embedded in process and the client of a
 * daemon (in the client module). Both must pass it unchanged: a difference between them is a
 * bug in one of them. Uses the built-in mock agent only.
 */
public abstract class SandboxContractKit extends SessionEndContract {

    // ---- agents --------------------------------------------------------------------------

    @Test
    void agentsListGetModesModelsAndInstall() {
        List<AgentInfo> all = agents.listAgents();
        assertThat(all).extracting(AgentInfo::id).contains("mock");
        AgentInfo mock = agents.getAgent("mock");
        assertThat(mock).isEqualTo(all.stream().filter(a -> a.id().equals("mock")).findFirst().orElseThrow());
        assertThat(mock.installed()).isTrue();
        assertThat(agents.modes("mock")).isNotEmpty();
        assertThat(agents.models("mock").models()).isNotNull();
        assertThat(agents.install("mock", null, false)).isEqualTo(mock);
        assertType(() -> agents.getAgent("no-such-agent"), ErrorType.UNSUPPORTED_AGENT);
        assertType(() -> agents.modes("no-such-agent"), ErrorType.UNSUPPORTED_AGENT);
        assertType(() -> agents.models("no-such-agent"), ErrorType.UNSUPPORTED_AGENT);
    }

    // ---- sessions ------------------------------------------------------------------------

    @Test
    void createGetListAndDelete() {
        CreateSessionResponse created = sessions.createSession("a", CreateSessionRequest.forAgent("mock"));
        assertThat(created.healthy()).isTrue();
        assertThat(created.nativeSessionId()).isEqualTo("mock-a");
        sessions.createSession("b", new CreateSessionRequest("mock", null, null, null, null, null, null, null,
                "second", null));
        SessionInfo a = sessions.getSession("a");
        assertThat(a.agent()).isEqualTo("mock");
        assertThat(a.ended()).isFalse();
        assertThat(a.eventCount()).isGreaterThanOrEqualTo(1);
        assertThat(sessions.getSession("b").title()).isEqualTo("second");
        assertThat(sessions.listSessions()).extracting(SessionInfo::sessionId).containsExactly("a", "b");
        sessions.deleteSession("a");
        assertThat(sessions.listSessions()).extracting(SessionInfo::sessionId).containsExactly("b");
        assertType(() -> sessions.getSession("a"), ErrorType.SESSION_NOT_FOUND);
    }

    @Test
    void creationErrorsAreTyped() {
        sessions.createSession("a", CreateSessionRequest.forAgent("mock"));
        assertType(() -> sessions.createSession("a", CreateSessionRequest.forAgent("mock")),
                ErrorType.SESSION_ALREADY_EXISTS);
        assertType(() -> sessions.createSession("c", CreateSessionRequest.forAgent("no-such-agent")),
                ErrorType.UNSUPPORTED_AGENT);
        assertType(() -> sessions.createSession("c", CreateSessionRequest.forAgent(null)),
                ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.createSession("bad id/with slash", CreateSessionRequest.forAgent("mock")),
                ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.createSession("c", new CreateSessionRequest("mock", null, null,
                dir.resolve("missing").toString(), null, null, null, null, null, null)), ErrorType.INVALID_REQUEST);
        assertThat(sessions.listSessions()).extracting(SessionInfo::sessionId).containsExactly("a");
    }

    @Test
    void aMissingSessionIsTheSameErrorEverywhere() {
        sessions.createSession("x", CreateSessionRequest.forAgent("mock"));
        for (String id : List.of("nope", "x/events", "../x", "")) {
            List<ThrowableAssert.ThrowingCallable> calls = List.of(
                    () -> sessions.getSession(id),
                    () -> sessions.postMessage(id, MessageRequest.of("hi")),
                    () -> sessions.postMessageAndFollowTurn(id, MessageRequest.of("hi")),
                    () -> sessions.events(id, 0, 10),
                    () -> sessions.follow(id, 0),
                    () -> sessions.replyPermission(id, "p", PermissionReply.ONCE),
                    () -> sessions.replyQuestion(id, "q", List.of(List.of("x"))),
                    () -> sessions.rejectQuestion(id, "q"),
                    () -> sessions.interrupt(id),
                    () -> sessions.terminate(id),
                    () -> sessions.deleteSession(id));
            for (var call : calls) {
                assertType(call, ErrorType.SESSION_NOT_FOUND);
            }
        }
    }

    @Test
    void badArgumentsAreInvalidRequests() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        assertType(() -> sessions.events("s", -1, 10), ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.events("s", 0, -1), ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.follow("s", -1), ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.replyPermission("s", "p", null), ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.replyQuestion("s", "q", null), ErrorType.INVALID_REQUEST);
        assertType(() -> sessions.replyPermission("s", "unknown", PermissionReply.ONCE), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND);
        assertType(() -> sessions.replyQuestion("s", "unknown", List.of(List.of("x"))), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND);
        assertType(() -> sessions.rejectQuestion("s", "unknown"), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND);
    }

    // ---- turns and events ----------------------------------------------------------------

    @Test
    void aTurnStreamIsExactlyThatTurn() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        List<UniversalEvent> turn;
        try (EventStream t = sessions.postMessageAndFollowTurn("s", MessageRequest.of("stream a b c"))) {
            turn = t.stream().toList();
        }
        assertThat(turn.getFirst().type()).isEqualTo(UniversalEventType.TURN_STARTED);
        assertThat(turn.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
        assertThat(text(turn)).isEqualTo("a b c");
        assertThat(sequences(turn)).isSorted().doesNotHaveDuplicates();
        // the same events as the log holds
        assertThat(sessions.events("s", turn.getFirst().sequence() - 1, turn.size()).events()).isEqualTo(turn);
    }

    @Test
    void postMessageNamesTheTurnItOpens() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        String turnId = sessions.postMessage("s", MessageRequest.of("text hello"));
        assertThat(turnId).isNotBlank();
        List<UniversalEvent> events = readUntil(sessions.follow("s", 0), turnEnded(turnId));
        assertThat(events).filteredOn(e -> e.type() == UniversalEventType.TURN_STARTED)
                .extracting(e -> ((TurnEventData) e.data()).turnId()).containsExactly(turnId);
    }

    @Test
    void eventsArePagedAndFollowResumesWhereItLeftOff() {
        sessions.createSession("s", CreateSessionRequest.forAgent("mock"));
        String turnId = sessions.postMessage("s", MessageRequest.of("stream one two three four"));
        List<UniversalEvent> all = readUntil(sessions.follow("s", 0), turnEnded(turnId));
        assertThat(sequences(all)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());

        var page = sessions.events("s", 0, 3);
        assertThat(page.events()).isEqualTo(all.subList(0, 3));
        assertThat(page.hasMore()).isTrue();
        var rest = sessions.events("s", 3, 1000);
        assertThat(rest.events()).isEqualTo(all.subList(3, all.size()));
        assertThat(rest.hasMore()).isFalse();
        assertThat(sessions.events("s", all.size() + 10, 10).events()).isEmpty();
        assertThat(sessions.events("s", 0, 0).events()).isEmpty();

        // a follower that stopped after five events resumes from the fifth, then sees the next turn live
        List<UniversalEvent> firstFive;
        try (EventStream s = sessions.follow("s", 0)) {
            firstFive = s.stream().limit(5).toList();
        }
        String next = sessions.postMessage("s", MessageRequest.of("text again"));
        List<UniversalEvent> resumed = readUntil(sessions.follow("s", firstFive.getLast().sequence()), turnEnded(next));
        assertThat(resumed.getFirst().sequence()).isEqualTo(6);
        assertThat(resumed.subList(0, all.size() - 5)).isEqualTo(all.subList(5, all.size()));
        assertThat(sessions.getSession("s").eventCount()).isEqualTo(resumed.getLast().sequence());
    }

    // ---- human in the loop ---------------------------------------------------------------

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

    // ---- concurrency ---------------------------------------------------------------------

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
