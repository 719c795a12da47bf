package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.core.testing.MockEngine.ofType;
import static dev.sandboxagent.core.testing.MockEngine.turnEnded;
import static dev.sandboxagent.core.testing.MockEngine.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Permissions and questions through the engine (with the mock agent): each resolved exactly once. */
class SessionRequestsTest extends MockSessionFixture {

    private PermissionEventData awaitPermission(long from) {
        var events = mock.readUntil("s", from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        return (PermissionEventData) events.getLast().data();
    }

    private QuestionEventData awaitQuestion(long from) {
        var events = mock.readUntil("s", from, ofType(UniversalEventType.QUESTION_REQUESTED));
        return (QuestionEventData) events.getLast().data();
    }

    private String lastReply(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.ASSISTANT)
                .reduce((a, b) -> b).orElseThrow().text();
    }

    @Test
    void permissionOnceAllowsThisTimeAndAsksAgain() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData p = awaitPermission(from);
        assertThat(p.action()).isEqualTo("write_file");
        assertThat(p.status()).isEqualTo(PermissionStatus.REQUESTED);
        mock.engine.replyPermission("s", p.permissionId(), PermissionReply.ONCE);
        var events = mock.readUntil("s", from, turnEnded(turn));
        assertThat(types(events)).contains("permission.resolved");
        var resolved = events.stream().filter(e -> e.type() == UniversalEventType.PERMISSION_RESOLVED).findFirst().orElseThrow();
        assertThat(((PermissionEventData) resolved.data()).status()).isEqualTo(PermissionStatus.ACCEPT);
        assertThat(lastReply(events)).startsWith("Permission granted once");
        assertThat(dir.resolve("notes.txt")).hasContent("hello"); // the mock really writes it, in the session's directory

        // asks again next time
        long again = size();
        mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData second = awaitPermission(again);
        assertThat(second.permissionId()).isNotEqualTo(p.permissionId());
        mock.engine.replyPermission("s", second.permissionId(), PermissionReply.REJECT);
    }

    @Test
    void permissionAlwaysStopsFurtherAsks() {
        long from = size();
        mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData p = awaitPermission(from);
        mock.engine.replyPermission("s", p.permissionId(), PermissionReply.ALWAYS);
        var second = mock.turn("s", "permission");
        assertThat(types(second)).doesNotContain("permission.requested");
        assertThat(lastReply(second)).startsWith("Permission granted once"); // allowed without asking
        var all = mock.readUntil("s", 0, ofType(UniversalEventType.PERMISSION_RESOLVED));
        assertThat(((PermissionEventData) all.getLast().data()).status()).isEqualTo(PermissionStatus.ACCEPT_FOR_SESSION);
    }

    @Test
    void permissionRejectChangesTheOutcome() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData p = awaitPermission(from);
        mock.engine.replyPermission("s", p.permissionId(), PermissionReply.REJECT);
        var events = mock.readUntil("s", from, turnEnded(turn));
        assertThat(lastReply(events)).startsWith("Permission rejected");
        assertThat(dir.resolve("notes.txt")).doesNotExist();
    }

    @Test
    void unknownAndAlreadyAnsweredPermissionsAreRefused() {
        assertThatThrownBy(() -> mock.engine.replyPermission("s", "nope", PermissionReply.ONCE))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                });
        long from = size();
        mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData p = awaitPermission(from);
        mock.engine.replyPermission("s", p.permissionId(), PermissionReply.ONCE);
        assertThatThrownBy(() -> mock.engine.replyPermission("s", p.permissionId(), PermissionReply.ONCE))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    }

    @Test
    void concurrentRepliesResolveAPermissionExactlyOnce() throws Exception {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("permission"));
        PermissionEventData p = awaitPermission(from);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                pool.submit(() -> {
                    go.await();
                    try {
                        mock.engine.replyPermission("s", p.permissionId(), PermissionReply.ONCE);
                        ok.incrementAndGet();
                    } catch (SandboxException e) {
                        conflicts.incrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(ok).hasValue(1);
        assertThat(conflicts).hasValue(19);
        var events = mock.readUntil("s", from, turnEnded(turn));
        assertThat(events.stream().filter(e -> e.type() == UniversalEventType.PERMISSION_RESOLVED)).hasSize(1);
    }

    @Test
    void questionAnsweredAndRejected() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("question"));
        QuestionEventData q = awaitQuestion(from);
        assertThat(q.options()).containsExactly("red", "green", "blue");
        mock.engine.replyQuestion("s", q.questionId(), List.of(List.of("green")));
        var events = mock.readUntil("s", from, turnEnded(turn));
        var resolved = events.stream().filter(e -> e.type() == UniversalEventType.QUESTION_RESOLVED).findFirst().orElseThrow();
        assertThat(((QuestionEventData) resolved.data()).status()).isEqualTo(QuestionStatus.ANSWERED);
        assertThat(((QuestionEventData) resolved.data()).response()).isEqualTo("green");
        assertThat(lastReply(events)).isEqualTo("You chose green.");

        long from2 = size();
        String turn2 = mock.engine.postMessage("s", MessageRequest.of("question"));
        QuestionEventData q2 = awaitQuestion(from2);
        mock.engine.rejectQuestion("s", q2.questionId());
        var events2 = mock.readUntil("s", from2, turnEnded(turn2));
        var rejected = events2.stream().filter(e -> e.type() == UniversalEventType.QUESTION_RESOLVED).findFirst().orElseThrow();
        assertThat(((QuestionEventData) rejected.data()).status()).isEqualTo(QuestionStatus.REJECTED);
        assertThat(lastReply(events2)).startsWith("Question rejected");
        assertThatThrownBy(() -> mock.engine.rejectQuestion("s", q2.questionId()))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThatThrownBy(() -> mock.engine.replyQuestion("s", "nope", List.of()))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void severalQuestionsAreAnsweredOneListEach() {
        long from = size();
        String turn = mock.engine.postMessage("s", MessageRequest.of("questions"));
        QuestionEventData q = awaitQuestion(from);
        assertThat(q.questions()).extracting(QuestionEventData.SubQuestion::question)
                .containsExactly("Which colour should I use?", "Which sizes?");
        assertThat(q.questions().get(1).multiple()).isTrue();
        assertThat(q.questions().get(1).options()).containsExactly("small", "large");
        assertThatThrownBy(() -> mock.engine.replyQuestion("s", q.questionId(), List.of(List.of("blue"))))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(dev.sandboxagent.core.error.ErrorType.INVALID_REQUEST));
        mock.engine.replyQuestion("s", q.questionId(), List.of(List.of("blue"), List.of("small", "large")));
        var events = mock.readUntil("s", from, turnEnded(turn));
        assertThat(lastReply(events)).isEqualTo("You chose blue; small and large.");
    }
}
