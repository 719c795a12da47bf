package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.SessionStartedData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.ofType;
import static dev.sandboxagent.core.testing.TurnRunner.output;
import static dev.sandboxagent.core.testing.TurnRunner.types;
import static org.assertj.core.api.Assertions.assertThat;

/** Permission modes, the plan agent mode, model and effort, and the environment, with the real CLI. */
class ClaudeModesTest {

    @TempDir
    static Path dir;
    private static ClaudeFixture f;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        f = new ClaudeFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String session(String agentMode, String permissionMode, String model, String variant) {
        String id = "modes-" + COUNTER.incrementAndGet();
        f.engine.createSession(id, new CreateSessionRequest("claude", agentMode, null, null, null, model,
                permissionMode, null, null, variant));
        return id;
    }

    private static String startedMode(String sessionId) {
        UniversalEvent started = f.engine.events(sessionId, 0, 1).events().getFirst();
        return ((JsonObject) ((SessionStartedData) started.data()).metadata()).getString("permissionMode");
    }

    @Test
    void acceptEditsWritesWithoutAsking() {
        String s = session(null, "acceptEdits", null, null);
        assertThat(startedMode(s)).isEqualTo("acceptEdits");
        List<UniversalEvent> t = TurnRunner.turn(f.engine, s, FakeModelScript.PERMISSION);
        assertThat(types(t)).doesNotContain("permission.requested");
        UniversalItem result = completed(t, ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(output(result)).startsWith("File created successfully");
    }

    @Test
    void planPermissionModeRefusesWritesUnlessAllowed() {
        String s = session(null, "plan", null, null);
        assertThat(startedMode(s)).isEqualTo("plan");
        long from = TurnRunner.size(f.engine, s);
        f.engine.postMessage(s, MessageRequest.of(FakeModelScript.PERMISSION));
        var asked = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        PermissionEventData p = TurnRunner.data(asked.getLast());
        assertThat(((JsonObject) p.metadata()).getString("decision_reason_type")).isEqualTo("mode");
        f.engine.replyPermission(s, p.permissionId(), PermissionReply.REJECT);
        var rest = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        UniversalItem result = completed(rest, ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(output(result)).contains("The user rejected this tool use.");
    }

    @Test
    void planAgentModeAsksToApproveThePlan() {
        String s = session("plan", null, null, null);
        assertThat(startedMode(s)).isEqualTo("plan");
        long from = TurnRunner.size(f.engine, s);
        f.engine.postMessage(s, MessageRequest.of(FakeModelScript.PLAN));
        var asked = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.QUESTION_REQUESTED));
        QuestionEventData q = TurnRunner.data(asked.getLast());
        assertThat(q.prompt()).startsWith("Approve this plan?").contains("1. Write plan.txt");
        assertThat(q.options()).containsExactly(ClaudeRequests.APPROVE, ClaudeRequests.KEEP_PLANNING);
        f.engine.replyQuestion(s, q.questionId(), List.of(List.of(ClaudeRequests.APPROVE)));
        var rest = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        assertThat(rest).filteredOn(ofType(UniversalEventType.QUESTION_RESOLVED)).singleElement()
                .satisfies(e -> assertThat(((QuestionEventData) e.data()).status()).isEqualTo(QuestionStatus.ANSWERED));
        UniversalItem result = completed(rest, ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(output(result)).contains("User has approved your plan");
        // claude leaves plan mode once the plan is approved
        assertThat(completed(rest, ItemKind.STATUS)).anyMatch(i -> i.content().toString().contains("permission_mode"));
    }

    @Test
    void rejectedPlanKeepsPlanning() {
        String s = session("plan", null, null, null);
        long from = TurnRunner.size(f.engine, s);
        f.engine.postMessage(s, MessageRequest.of(FakeModelScript.PLAN));
        var asked = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.QUESTION_REQUESTED));
        f.engine.rejectQuestion(s, ((QuestionEventData) asked.getLast().data()).questionId());
        var rest = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        UniversalItem result = completed(rest, ItemKind.TOOL_RESULT).getFirst();
        assertThat(result.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(output(result)).contains("The user rejected the plan.");
    }

    @Test
    void bypassRunsCommandsWithoutAskingWithTheDaemonsEnvironment() throws Exception {
        String s = session(null, "bypass", null, null);
        assertThat(startedMode(s)).isEqualTo("bypassPermissions");
        List<UniversalEvent> t = TurnRunner.turn(f.engine, s, FakeModelScript.PRINT_ENV);
        assertThat(types(t)).doesNotContain("permission.requested", "error");
        UniversalItem call = completed(t, ItemKind.TOOL_CALL).getFirst();
        assertThat(call.content().toString()).contains("printenv " + FakeModelScript.ENV_MARKER);
        UniversalItem result = completed(t, ItemKind.TOOL_RESULT).getFirst();
        assertThat(output(result)).contains(ClaudeFixture.MARKER_VALUE);
        assertThat(TurnRunner.lastText(t)).isEqualTo("Marker: " + ClaudeFixture.MARKER_VALUE);

        List<UniversalEvent> t2 = TurnRunner.turn(f.engine, s, FakeModelScript.RUN_BASH);
        assertThat(types(t2)).doesNotContain("permission.requested");
        assertThat(Files.readString(f.work.resolve("ran.txt"))).isEqualTo("ran\n");
    }

    /**
     * "always" hands claude its own suggestions, kept for the session only. (claude's suggestion
     * for a command with a redirect, e.g. {@code echo x > f}, does not cover the next identical
     * call; {@code mkdir} is one whose suggestions do.)
     */
    @Test
    void bashAllowedAlwaysIsNotAskedAgainInTheSession() {
        String s = session(null, "default", null, null);
        long from = TurnRunner.size(f.engine, s);
        f.engine.postMessage(s, MessageRequest.of(FakeModelScript.MAKE_DIR));
        var asked = TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        PermissionEventData p = TurnRunner.data(asked.getLast());
        assertThat(p.action()).isEqualTo("Bash");
        f.engine.replyPermission(s, p.permissionId(), PermissionReply.ALWAYS);
        TurnRunner.until(f.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        List<UniversalEvent> again = TurnRunner.turn(f.engine, s, FakeModelScript.MAKE_DIR);
        assertThat(types(again)).doesNotContain("permission.requested");
        assertThat(completed(again, ItemKind.TOOL_RESULT).getFirst().status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(f.work.resolve("made-dir")).isDirectory();
        // kept for the session, not written into the project's settings
        assertThat(f.work.resolve(".claude/settings.local.json")).doesNotExist();
    }

    @Test
    void modelAndEffortReachTheModelApi() {
        String s = session(null, null, "sonnet", "low");
        TurnRunner.turn(f.engine, s, FakeModelScript.TEXT);
        String nativeId = f.engine.getSession(s).nativeSessionId();
        ModelRequest request = f.fake.modelRequests().stream().filter(r -> r.sessionId().equals(nativeId))
                .findFirst().orElseThrow();
        assertThat(Jsons.string(request.body(), "model")).contains("sonnet");
        assertThat(Jsons.string(Jsons.objectOrNull(request.body(), "output_config"), "effort")).isEqualTo("low");
    }
}
