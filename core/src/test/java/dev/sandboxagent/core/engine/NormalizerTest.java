package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.store.MemoryEventStore;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.schema.UniversalEventType.ITEM_COMPLETED;
import static dev.sandboxagent.core.schema.UniversalEventType.ITEM_DELTA;
import static dev.sandboxagent.core.schema.UniversalEventType.ITEM_STARTED;
import static dev.sandboxagent.core.schema.UniversalEventType.PERMISSION_REQUESTED;
import static dev.sandboxagent.core.schema.UniversalEventType.PERMISSION_RESOLVED;
import static dev.sandboxagent.core.schema.UniversalEventType.QUESTION_REQUESTED;
import static dev.sandboxagent.core.schema.UniversalEventType.QUESTION_RESOLVED;
import static dev.sandboxagent.core.schema.UniversalEventType.SESSION_ENDED;
import static dev.sandboxagent.core.schema.UniversalEventType.SESSION_STARTED;
import static dev.sandboxagent.core.schema.UniversalEventType.TURN_ENDED;
import static dev.sandboxagent.core.schema.UniversalEventType.TURN_STARTED;
import static dev.sandboxagent.core.json.Jsons.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The normaliser driven directly through its sink, as an adapter would, and read back from its log. */
class NormalizerTest {

    private final EventLog log = new EventLog(new MemoryEventStore().create("s"), 1024);
    private final List<String> endedTurns = new ArrayList<>();
    private int sessionsEnded;
    private final Normalizer sink = new Normalizer("s", log, new Normalizer.Listener() {
        @Override
        public void turnEnded(String turnId) {
            endedTurns.add(turnId);
        }

        @Override
        public void sessionEnded() {
            sessionsEnded++;
        }
    }, new SessionTally("s", "mock", dev.sandboxagent.core.port.EngineObserver.NONE));

    private List<UniversalEvent> events() {
        return log.read(0, 10_000).stream().map(LoggedEvent::event).toList();
    }

    private List<UniversalEventType> types() {
        return events().stream().map(UniversalEvent::type).toList();
    }

    private List<UniversalEvent> of(UniversalEventType type) {
        return events().stream().filter(e -> e.type() == type).toList();
    }

    private void begin(String turnId) {
        sink.beginTurn(new UserMessage(turnId, "hi", List.of()));
    }

    @Test
    void aDeltaForAnUnknownItemStartsItSynthetically() {
        sink.sessionStarted("native-1", null, null);
        sink.itemDelta("m1", "Hel", null);
        sink.itemDelta("m1", "lo", null);
        sink.itemCompleted(AgentItem.text("m1", ItemRole.ASSISTANT, "Hello"), null);

        assertThat(types()).containsExactly(SESSION_STARTED, ITEM_STARTED, ITEM_DELTA, ITEM_DELTA, ITEM_COMPLETED);
        UniversalEvent started = of(ITEM_STARTED).getFirst();
        assertThat(started.synthetic()).isTrue();
        assertThat(started.source()).isEqualTo(EventSource.DAEMON);
        String itemId = ((ItemEventData) started.data()).item().itemId();
        assertThat(of(ITEM_DELTA)).allSatisfy(e -> assertThat(((ItemDeltaData) e.data()).itemId()).isEqualTo(itemId));
        assertThat(of(ITEM_DELTA)).noneMatch(UniversalEvent::synthetic); // the agent's own deltas
        assertThat(((ItemEventData) of(ITEM_COMPLETED).getFirst().data()).item().itemId()).isEqualTo(itemId);
        assertThat(events()).allSatisfy(e -> assertThat(e.nativeSessionId()).isEqualTo("native-1"));
    }

    @Test
    void aWholeMessageGetsOneSyntheticDelta() {
        sink.itemCompleted(AgentItem.text("m1", ItemRole.ASSISTANT, "all at once"), null);

        assertThat(types()).containsExactly(SESSION_STARTED, ITEM_STARTED, ITEM_DELTA, ITEM_COMPLETED);
        UniversalEvent delta = of(ITEM_DELTA).getFirst();
        assertThat(delta.synthetic()).isTrue();
        assertThat(((ItemDeltaData) delta.data()).delta()).isEqualTo("all at once");
        assertThat(of(SESSION_STARTED).getFirst().synthetic()).as("session.started synthesised").isTrue();
    }

    @Test
    void aToolResultIsAChildOfItsCall() {
        sink.itemCompleted(AgentItem.toolCall("call_1", "read", "{}"), null);
        sink.itemCompleted(AgentItem.toolResult("call_1", "contents", false), null);

        List<UniversalEvent> done = of(ITEM_COMPLETED);
        var call = ((ItemEventData) done.get(0).data()).item();
        var result = ((ItemEventData) done.get(1).data()).item();
        assertThat(result.parentId()).isEqualTo(call.itemId());
        assertThat(result.nativeItemId()).isEqualTo("call_1:result");
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void aTurnEndWithoutAStartIsIgnored() {
        sink.sessionStarted("n", null, null);
        sink.turnEnded(JsonValue.EMPTY_JSON_OBJECT, null);

        assertThat(types()).containsExactly(SESSION_STARTED);
        assertThat(endedTurns).isEmpty();
    }

    @Test
    void aSecondEndOfTheSameTurnIsIgnored() {
        begin("turn_1");
        sink.turnEnded(null, null);
        sink.turnEnded(null, null);

        assertThat(of(TURN_STARTED)).hasSize(1);
        assertThat(of(TURN_ENDED)).singleElement()
                .satisfies(e -> assertThat(((TurnEventData) e.data()).turnId()).isEqualTo("turn_1"));
        assertThat(endedTurns).containsExactly("turn_1");
    }

    @Test
    void adaptersReadTheOpenTurnAndItsInterruptFromCore() {
        assertThat(sink.openTurn()).isNull();
        begin("turn_1");
        assertThat(sink.openTurn()).isEqualTo("turn_1");
        assertThat(sink.interruptRequested()).isFalse();

        sink.requestInterrupt();
        assertThat(sink.interruptRequested()).isTrue();
        sink.turnEnded(null, null);

        assertThat(sink.openTurn()).isNull();
        assertThat(sink.interruptRequested()).as("an interrupt belongs to its turn").isFalse();
        begin("turn_2");
        assertThat(sink.interruptRequested()).isFalse();
    }

    @Test
    void aTurnScopedEndEndsOnlyThatTurnWhileItIsOpen() {
        begin("turn_1");
        sink.turnEnded("turn_1", TurnUsage.NONE, null, null);
        begin("turn_2");
        sink.turnEnded("turn_1", TurnUsage.NONE, null, null); // e.g. a late timer of turn 1
        sink.turnEnded(null, TurnUsage.NONE, null, null);

        assertThat(endedTurns).containsExactly("turn_1");
        assertThat(sink.openTurn()).isEqualTo("turn_2");
        sink.turnEnded("turn_2", TurnUsage.NONE, null, null);
        assertThat(endedTurns).containsExactly("turn_1", "turn_2");
        assertThat(of(TURN_ENDED)).hasSize(2);
    }

    @Test
    void openItemsAndRequestsAreClosedWhenTheTurnEnds() {
        begin("turn_1");
        sink.itemStarted(AgentItem.text("m1", ItemRole.ASSISTANT, "").withStatus(ItemStatus.IN_PROGRESS), null);
        sink.itemDelta("m1", "partial", null);
        sink.permissionRequested("perm_1", "write", null, null);
        sink.questionRequested("q_1", "which?", List.of("a", "b"), null);
        sink.turnEnded(null, null);

        List<UniversalEventType> types = types();
        int end = types.indexOf(TURN_ENDED);
        assertThat(types.subList(types.indexOf(QUESTION_REQUESTED) + 1, end))
                .containsExactlyInAnyOrder(ITEM_COMPLETED, PERMISSION_RESOLVED, QUESTION_RESOLVED);
        var leftover = ((ItemEventData) of(ITEM_COMPLETED).getLast().data()).item();
        assertThat(leftover.text()).isEqualTo("partial");
        assertThat(leftover.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(((PermissionEventData) of(PERMISSION_RESOLVED).getFirst().data()).status())
                .isEqualTo(PermissionStatus.REJECT);
        assertThat(((QuestionEventData) of(QUESTION_RESOLVED).getFirst().data()).status())
                .isEqualTo(QuestionStatus.REJECTED);
        assertThat(of(PERMISSION_REQUESTED)).hasSize(1);
    }

    @Test
    void anInterruptedTurnFailsTheItemsItLeftOpen() {
        begin("turn_1");
        sink.itemDelta("m1", "cut", null);
        sink.requestInterrupt();
        sink.turnEnded(null, null);

        assertThat(((ItemEventData) of(ITEM_COMPLETED).getLast().data()).item().status())
                .isEqualTo(ItemStatus.FAILED);
    }

    @Test
    void anAgentExitAfterTerminateIsNotAnError() {
        begin("turn_1");
        sink.terminating();
        sink.agentExited(143, "killed", null);
        assertThat(of(SESSION_ENDED)).isEmpty();

        sink.terminated();
        sink.agentExited(143, "killed", null);

        assertThat(of(SESSION_ENDED)).singleElement().satisfies(e -> {
            SessionEndedData data = (SessionEndedData) e.data();
            assertThat(data.reason()).isEqualTo(SessionEndReason.TERMINATED);
            assertThat(data.terminatedBy()).isEqualTo(TerminatedBy.DAEMON);
        });
        assertThat(types().getLast()).isEqualTo(SESSION_ENDED);
        assertThat(of(TURN_ENDED)).as("the running turn is closed before the session ends").hasSize(1);
        assertThat(sessionsEnded).isEqualTo(1);
        assertThat(log.isClosed()).isTrue();
    }

    @Test
    void anUnexpectedAgentExitEndsTheSessionWithAnError() {
        sink.sessionStarted("n", null, null);
        sink.agentExited(1, null, null);
        sink.itemCompleted(AgentItem.text("late", ItemRole.ASSISTANT, "too late"), null);

        assertThat(types()).containsExactly(SESSION_STARTED, SESSION_ENDED);
        SessionEndedData data = (SessionEndedData) of(SESSION_ENDED).getFirst().data();
        assertThat(data.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(data.message()).isEqualTo("agent process exited with code 1");
    }

    @Test
    void sequencesStartAtOneWithoutGaps() {
        begin("turn_1");
        sink.itemCompleted(AgentItem.text(null, ItemRole.ASSISTANT, "x"), null);
        sink.turnEnded(null, null);

        List<UniversalEvent> all = events();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).sequence()).isEqualTo(i + 1);
        }
    }

    @Test
    void aRequestTheAgentWithdrawsIsResolvedAtOnceAndRefusesLaterAnswers() {
        begin("turn_1");
        sink.permissionRequested("p1", "Bash", JSON.createObjectBuilder().add("command", "ls").build(), null);
        sink.questionRequested("q1", "Which?", List.of("a", "b"), null);
        sink.requestWithdrawn("p1", "claude cancelled its request", JsonValue.TRUE);
        sink.requestWithdrawn("q1", null, null);
        sink.requestWithdrawn("p1", "again", null); // already resolved: ignored
        sink.requestWithdrawn("nobody", "unknown", null); // ignored

        UniversalEvent permission = of(PERMISSION_RESOLVED).getFirst();
        assertThat(of(PERMISSION_RESOLVED)).hasSize(1);
        assertThat(permission.source()).isEqualTo(EventSource.AGENT);
        PermissionEventData p = (PermissionEventData) permission.data();
        assertThat(p.status()).isEqualTo(PermissionStatus.REJECT);
        assertThat(p.metadata().asJsonObject().getString("command")).isEqualTo("ls");
        assertThat(p.metadata().asJsonObject().getJsonObject("withdrawn").getString("by")).isEqualTo("agent");
        assertThat(p.metadata().asJsonObject().getJsonObject("withdrawn").getString("reason"))
                .isEqualTo("claude cancelled its request");
        assertThat(of(QUESTION_RESOLVED)).singleElement()
                .satisfies(e -> assertThat(((QuestionEventData) e.data()).status()).isEqualTo(QuestionStatus.REJECTED));

        assertThatThrownBy(() -> sink.answerPermission("p1", PermissionReply.ONCE))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessageContaining("withdrawn by the agent");
        assertThatThrownBy(() -> sink.answerQuestion("q1", List.of(List.of("a"))))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        sink.turnEnded(null, null);
        // the turn's end does not resolve them a second time
        assertThat(of(PERMISSION_RESOLVED)).hasSize(1);
        assertThat(of(QUESTION_RESOLVED)).hasSize(1);
    }
}
