package dev.sandboxagent.core.conformance;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
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
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.AgentCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter conformance kit: one scenario suite, written against the session port, that every
 * adapter (and every plugin) runs with its real agent CLI. A subclass supplies the engine with
 * its adapter and the prompts its scripted model server answers in the way each scenario needs
 * ({@link Scenario}); the kit checks the universal events that must come out, and the schema's
 * invariants over the whole log after every scenario.
 *
 * <p>Scenarios an agent cannot have (per its capabilities) are declared by the subclass in
 * {@link #unsupported()}: the kit checks that the capabilities say so, which is what clients
 * rely on, and then reports the scenario's tests as skipped with the reason (never as passed).
 */
public abstract class AgentConformanceKit {

    /** What the scripted model must do when it receives {@link #prompt(Scenario)}. */
    public enum Scenario {
        /** Answer with text, streamed in at least two chunks where the API streams. */
        TEXT,
        /** Call a harmless read-only tool (e.g. list files), then answer with text after its result. */
        TOOL,
        /** Call a tool that needs permission under the default permission mode, then answer with text. */
        PERMISSION,
        /** Ask the human a question with options, then answer with text echoing the answer. */
        QUESTION,
        /** Start answering and never finish (hold the stream open), so that the turn can be interrupted. */
        HANG,
        /** Fail the model request (e.g. HTTP 500 or 400 with an error body). */
        MODEL_ERROR
    }

    private final List<String> sessions = new ArrayList<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The engine with the adapter under test; the same instance for one test. */
    protected abstract SessionService sessions();

    /** The agent id to create sessions for. */
    protected abstract String agent();

    protected abstract AgentCapabilities capabilities();

    /** The message that makes the scripted model behave as {@code scenario} says. */
    protected abstract String prompt(Scenario scenario);

    /** Scenarios this agent cannot have; each must be backed by a false capability. */
    protected List<Scenario> unsupported() {
        return List.of();
    }

    /** Kills the agent process(es) of the session with SIGKILL, as a crash would. */
    protected abstract void killAgentProcess(String sessionId) throws Exception;

    /** Per-session settings, e.g. a permission mode; default: the agent's defaults. */
    protected CreateSessionRequest createRequest() {
        return CreateSessionRequest.forAgent(agent());
    }

    /** How long one turn may take on a loaded machine. */
    protected Duration turnTimeout() {
        return Duration.ofSeconds(90);
    }

    // ---- helpers -------------------------------------------------------------------------

    protected String newSession() {
        String id = "conf-" + agent() + "-" + COUNTER.incrementAndGet();
        sessions().createSession(id, createRequest());
        sessions.add(id);
        return id;
    }

    protected List<UniversalEvent> turn(String sessionId, String message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(turnTimeout());
        try (EventStream s = sessions().postMessageAndFollowTurn(sessionId, MessageRequest.of(message))) {
            while (!s.isFinished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("turn did not end within " + turnTimeout() + "; got " + types(out));
                }
                for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
                    out.add(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }

    protected List<UniversalEvent> readUntil(String sessionId, long offset, Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(turnTimeout());
        try (EventStream s = sessions().follow(sessionId, offset)) {
            while (Instant.now().isBefore(deadline) && !s.isFinished()) {
                for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
                    out.add(e);
                    if (last.test(e)) {
                        return out;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("expected event did not come within " + turnTimeout() + "; got " + types(out));
    }

    protected List<UniversalEvent> log(String sessionId) {
        return sessions().events(sessionId, 0, Integer.MAX_VALUE).events();
    }

    protected static List<String> types(List<UniversalEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    protected static List<UniversalItem> completedItems(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).toList();
    }

    protected static Optional<UniversalItem> lastAssistantText(List<UniversalEvent> events) {
        return completedItems(events).stream()
                .filter(i -> i.kind() == ItemKind.MESSAGE && i.role() == ItemRole.ASSISTANT && !i.text().isEmpty())
                .reduce((a, b) -> b);
    }

    private long eventCount(String sessionId) {
        return sessions().getSession(sessionId).eventCount();
    }

    /**
     * Skips the test (a JUnit assumption, reported as skipped with the reason) when the scenario
     * is declared unsupported, after checking that the capability says so too.
     */
    private void assumeSupported(Scenario scenario, boolean capability) {
        if (unsupported().contains(scenario)) {
            assertThat(capability).as("capabilities must say " + agent() + " lacks " + scenario).isFalse();
        }
        assumeTrue(!unsupported().contains(scenario),
                agent() + " does not support " + scenario + " (declared unsupported, and its capabilities say so)");
    }

    /** False for agents that run inside the daemon (the mock): they have no process to crash. */
    protected boolean runsAProcess() {
        return true;
    }

    @AfterEach
    void checkInvariantsAndTerminate() {
        for (String id : sessions) {
            EventInvariants.check(log(id));
            sessions().terminate(id);
            EventInvariants.check(log(id));
        }
    }

    // ---- scenarios -----------------------------------------------------------------------

    @Test
    void textAnswerWithDeltas() {
        String s = newSession();
        List<UniversalEvent> t = turn(s, prompt(Scenario.TEXT));
        assertThat(types(t)).first().isEqualTo("turn.started");
        assertThat(types(t)).last().isEqualTo("turn.ended");
        UniversalItem answer = lastAssistantText(t).orElseThrow(() -> new AssertionError("no text answer: " + types(t)));
        assertThat(t).anyMatch(e -> e.type() == UniversalEventType.ITEM_DELTA);
        assertThat(answer.text()).isNotBlank();
        assertThat(sessions().getSession(s).nativeSessionId()).as("native session id").isNotBlank();
    }

    @Test
    void toolCallWithItsResult() {
        assumeSupported(Scenario.TOOL, capabilities().toolCalls());
        String s = newSession();
        List<UniversalEvent> t = turn(s, prompt(Scenario.TOOL));
        List<UniversalItem> items = completedItems(t);
        UniversalItem call = items.stream().filter(i -> i.kind() == ItemKind.TOOL_CALL).findFirst()
                .orElseThrow(() -> new AssertionError("no tool_call item: " + types(t)));
        UniversalItem result = items.stream().filter(i -> i.kind() == ItemKind.TOOL_RESULT).findFirst()
                .orElseThrow(() -> new AssertionError("no tool_result item: " + types(t)));
        assertThat(items.indexOf(call)).isLessThan(items.indexOf(result));
        assertThat(result.parentId()).as("a tool result is a child of its call").isEqualTo(call.itemId());
        String callId = call.content().stream().filter(p -> p instanceof ContentPart.ToolCall)
                .map(p -> ((ContentPart.ToolCall) p).callId()).findFirst().orElse(null);
        if (callId != null) {
            assertThat(result.content()).anyMatch(p -> p instanceof ContentPart.ToolResult r && r.callId().equals(callId));
        }
        assertThat(lastAssistantText(t)).isPresent();
    }

    private List<UniversalEvent> permissionTurn(String s, PermissionReply reply, PermissionStatus expected) {
        long from = eventCount(s);
        sessions().postMessage(s, MessageRequest.of(prompt(Scenario.PERMISSION)));
        var asked = readUntil(s, from, e -> e.type() == UniversalEventType.PERMISSION_REQUESTED);
        PermissionEventData p = (PermissionEventData) asked.getLast().data();
        assertThat(p.action()).isNotBlank();
        sessions().replyPermission(s, p.permissionId(), reply);
        var rest = readUntil(s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        var resolved = rest.stream().filter(e -> e.type() == UniversalEventType.PERMISSION_RESOLVED).toList();
        assertThat(resolved).hasSize(1);
        assertThat(((PermissionEventData) resolved.getFirst().data()).status()).isEqualTo(expected);
        return rest;
    }

    @Test
    void permissionAcceptedOnce() {
        assumeSupported(Scenario.PERMISSION, capabilities().permissions());
        String s = newSession();
        var t = permissionTurn(s, PermissionReply.ONCE, PermissionStatus.ACCEPT);
        assertThat(completedItems(t)).anyMatch(i -> i.kind() == ItemKind.TOOL_RESULT
                && i.status() != dev.sandboxagent.core.schema.ItemStatus.FAILED);
    }

    @Test
    void permissionAcceptedAlways() {
        assumeSupported(Scenario.PERMISSION, capabilities().permissions());
        String s = newSession();
        permissionTurn(s, PermissionReply.ALWAYS, PermissionStatus.ACCEPT_FOR_SESSION);
        var second = turn(s, prompt(Scenario.PERMISSION));
        assertThat(types(second)).as("no second ask after 'always'").doesNotContain("permission.requested");
    }

    @Test
    void permissionRejected() {
        assumeSupported(Scenario.PERMISSION, capabilities().permissions());
        String s = newSession();
        var t = permissionTurn(s, PermissionReply.REJECT, PermissionStatus.REJECT);
        assertThat(types(t)).last().isEqualTo("turn.ended");
    }

    private List<UniversalEvent> questionTurn(String s, boolean answer) {
        long from = eventCount(s);
        sessions().postMessage(s, MessageRequest.of(prompt(Scenario.QUESTION)));
        var asked = readUntil(s, from, e -> e.type() == UniversalEventType.QUESTION_REQUESTED);
        QuestionEventData q = (QuestionEventData) asked.getLast().data();
        assertThat(q.prompt()).isNotBlank();
        if (answer) {
            String choice = q.options().isEmpty() ? "yes" : q.options().getFirst();
            sessions().replyQuestion(s, q.questionId(), List.of(List.of(choice)));
        } else {
            sessions().rejectQuestion(s, q.questionId());
        }
        var rest = readUntil(s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        var resolved = rest.stream().filter(e -> e.type() == UniversalEventType.QUESTION_RESOLVED).toList();
        assertThat(resolved).hasSize(1);
        assertThat(((QuestionEventData) resolved.getFirst().data()).status())
                .isEqualTo(answer ? QuestionStatus.ANSWERED : QuestionStatus.REJECTED);
        return rest;
    }

    @Test
    void questionAnswered() {
        assumeSupported(Scenario.QUESTION, capabilities().questions());
        questionTurn(newSession(), true);
    }

    @Test
    void questionRejected() {
        assumeSupported(Scenario.QUESTION, capabilities().questions());
        questionTurn(newSession(), false);
    }

    @Test
    void twoTurnsInOneSession() {
        String s = newSession();
        var first = turn(s, prompt(Scenario.TEXT));
        var second = turn(s, prompt(Scenario.TEXT));
        String firstTurn = ((TurnEventData) first.getFirst().data()).turnId();
        String secondTurn = ((TurnEventData) second.getFirst().data()).turnId();
        assertThat(secondTurn).isNotEqualTo(firstTurn);
        assertThat(lastAssistantText(second)).isPresent();
        assertThat(second.getFirst().sequence()).isGreaterThan(first.getLast().sequence());
    }

    @Test
    void interruptEndsTheTurnAndTheSessionGoesOn() {
        assumeSupported(Scenario.HANG, true);
        String s = newSession();
        long from = eventCount(s);
        String turnId = sessions().postMessage(s, MessageRequest.of(prompt(Scenario.HANG)));
        // wait until the agent is visibly working on the turn
        readUntil(s, from, e -> e.source() == dev.sandboxagent.core.schema.EventSource.AGENT
                && e.type() != UniversalEventType.SESSION_STARTED);
        sessions().interrupt(s);
        var rest = readUntil(s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        assertThat(((TurnEventData) rest.getLast().data()).turnId()).isEqualTo(turnId);
        var next = turn(s, prompt(Scenario.TEXT));
        assertThat(lastAssistantText(next)).isPresent();
    }

    @Test
    void modelApiErrorIsReported() {
        String s = newSession();
        long from = eventCount(s);
        sessions().postMessage(s, MessageRequest.of(prompt(Scenario.MODEL_ERROR)));
        var events = readUntil(s, from, e -> e.type() == UniversalEventType.TURN_ENDED
                || e.type() == UniversalEventType.SESSION_ENDED);
        assertThat(events).anyMatch(e -> e.type() == UniversalEventType.ERROR
                || (e.type() == UniversalEventType.SESSION_ENDED
                && ((SessionEndedData) e.data()).reason() == SessionEndReason.ERROR));
    }

    @Test
    void agentProcessDyingEndsTheSessionWithAnError() throws Exception {
        assumeTrue(runsAProcess(), agent() + " runs inside the daemon: it has no process that could die");
        String s = newSession();
        turn(s, prompt(Scenario.TEXT));
        long from = eventCount(s);
        killAgentProcess(s);
        var events = readUntil(s, from, e -> e.type() == UniversalEventType.SESSION_ENDED);
        SessionEndedData end = (SessionEndedData) events.getLast().data();
        assertThat(end.reason()).isEqualTo(SessionEndReason.ERROR);
        assertThat(end.exitCode()).isNotNull();
    }
}
