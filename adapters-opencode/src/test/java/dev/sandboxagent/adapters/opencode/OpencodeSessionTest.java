package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.testing.TestAgents;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.adapters.opencode.TestSessions.create;
import static dev.sandboxagent.core.testing.TurnRunner.lastText;
import static dev.sandboxagent.core.testing.TurnRunner.until;
import static dev.sandboxagent.core.testing.TurnRunner.turn;
import static dev.sandboxagent.core.testing.TurnRunner.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What issue 5 asks beyond the shared scenarios, against the real {@code opencode serve}. */
class OpencodeSessionTest {

    @TempDir
    static Path tmp;
    static OpencodeTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new OpencodeTestEnv(tmp, Map.of("SANDBOX_TEST_MARKER", "marker-42"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void textStreamsAsDeltasOfOneAssistantMessage() {
        String s = create(env.engine, null, null, null, null);
        var t = turn(env.engine, s, "[TEXT] hello");
        assertThat(types(t)).doesNotContain("agent.unparsed", "error");
        if (Boolean.getBoolean("opencode.debug")) {
            t.forEach(e -> System.out.println(e.type().wire() + " " + e.data()));
        }
        assertThat(lastText(t)).isEqualTo("Hello from the fake model.");
        assertThat(types(t)).filteredOn("item.delta"::equals).hasSizeGreaterThanOrEqualTo(2);
        // the user's own text is not echoed back as an agent item
        assertThat(completed(t)).filteredOn(i -> i.text().contains("[TEXT]")).hasSize(1);
        assertThat(env.engine.getSession(s).nativeSessionId()).startsWith("ses_");
        var end = (TurnEventData) t.getLast().data();
        assertThat(((JsonObject) end.metadata()).getString("stop_reason")).isEqualTo("stop");
        assertThat(((JsonObject) end.metadata()).getString("agent")).isEqualTo("build");
    }

    @Test
    void defaultModeAsksBeforeEditsAndAcceptEditsDoesNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("edits"));
        String s = create(env.engine, "default", null, null, dir);
        long from = env.engine.getSession(s).eventCount();
        env.engine.postMessage(s, MessageRequest.of("[WRITE] create a file"));
        var asked = until(env.engine, s, from, e -> e.type() == UniversalEventType.PERMISSION_REQUESTED);
        assertThat(((PermissionEventData) asked.getLast().data()).action()).isEqualTo("edit");
        env.engine.replyPermission(s, ((PermissionEventData) asked.getLast().data()).permissionId(),
                dev.sandboxagent.core.schema.PermissionReply.REJECT);
        until(env.engine, s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        assertThat(dir.resolve("created.txt")).doesNotExist();

        Path dir2 = Files.createDirectories(tmp.resolve("edits2"));
        String s2 = create(env.engine, "acceptEdits", null, null, dir2);
        var t = turn(env.engine, s2, "[WRITE] create a file");
        assertThat(types(t)).doesNotContain("agent.unparsed", "error");
        if (Boolean.getBoolean("opencode.debug")) {
            t.forEach(e -> System.out.println(e.type().wire() + " " + e.data()));
        }
        assertThat(types(t)).doesNotContain("permission.requested");
        assertThat(dir2.resolve("created.txt")).hasContent("created by the fake");
        UniversalItem result = completed(t).stream().filter(i -> i.kind() == ItemKind.TOOL_RESULT).findFirst().orElseThrow();
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(result.content()).anyMatch(p -> p instanceof ContentPart.FileRef f && f.action() == FileAction.WRITE
                && f.path().endsWith("created.txt"));
        // acceptEdits still asks before bash
        long from2 = env.engine.getSession(s2).eventCount();
        env.engine.postMessage(s2, MessageRequest.of("[BASH] run echo"));
        var bash = until(env.engine, s2, from2, e -> e.type() == UniversalEventType.PERMISSION_REQUESTED);
        assertThat(((PermissionEventData) bash.getLast().data()).action()).isEqualTo("bash");
        env.engine.interrupt(s2);
        until(env.engine, s2, from2, e -> e.type() == UniversalEventType.TURN_ENDED);
    }

    @Test
    void bypassAllowsEverything() {
        String s = create(env.engine, "bypass", null, null, null);
        var t = turn(env.engine, s, "[BASH] run echo");
        assertThat(types(t)).doesNotContain("permission.requested");
        assertThat(lastText(t)).contains("perm-ok");
    }

    @Test
    void sessionsWorkInTheirOwnDirectoriesWithTheDaemonsEnvironment() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("dir-a"));
        Path b = Files.createDirectories(tmp.resolve("dir-b"));
        String sa = create(env.engine, "bypass", null, null, a);
        String sb = create(env.engine, "bypass", null, null, b);
        String ta = lastText(turn(env.engine, sa, "[ENV] where am I"));
        String tb = lastText(turn(env.engine, sb, "[ENV] where am I"));
        assertThat(ta).contains("marker=marker-42").contains(a.toRealPath().toString()).doesNotContain(b.toString());
        assertThat(tb).contains("marker=marker-42").contains(b.toRealPath().toString());
    }

    @Test
    void questionAnswerReachesTheModel() {
        String s = create(env.engine, null, null, null, null);
        long from = env.engine.getSession(s).eventCount();
        env.engine.postMessage(s, MessageRequest.of("[QUESTION] ask"));
        var asked = until(env.engine, s, from, e -> e.type() == UniversalEventType.QUESTION_REQUESTED);
        QuestionEventData q = (QuestionEventData) asked.getLast().data();
        assertThat(q.prompt()).isEqualTo("Which colour should I use?");
        assertThat(q.options()).containsExactly("Red", "Blue");
        env.engine.replyQuestion(s, q.questionId(), List.of(List.of("Blue")));
        var rest = until(env.engine, s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        assertThat(lastText(rest)).contains("Blue");
    }

    @Test
    void severalQuestionsAreOneQuestionAnsweredPerSubQuestion() {
        String s = create(env.engine, null, null, null, null);
        long from = env.engine.getSession(s).eventCount();
        env.engine.postMessage(s, MessageRequest.of("[QUESTIONS] ask two"));
        var asked = until(env.engine, s, from, e -> e.type() == UniversalEventType.QUESTION_REQUESTED);
        assertThat(asked).filteredOn(e -> e.type() == UniversalEventType.QUESTION_REQUESTED).hasSize(1);
        QuestionEventData q = (QuestionEventData) asked.getLast().data();
        assertThat(q.questions()).extracting(QuestionEventData.SubQuestion::question)
                .containsExactly("Which colour should I use?", "Which sizes?");
        assertThat(q.questions().get(0).options()).containsExactly("Red", "Blue");
        assertThat(q.questions().get(1).options()).containsExactly("Small", "Large");
        assertThat(q.questions().get(1).multiple()).isTrue();
        // one list per sub-question, else a 400 (and the question stays open)
        assertThatThrownBy(() -> env.engine.replyQuestion(s, q.questionId(), List.of(List.of("Blue"))))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(dev.sandboxagent.core.error.ErrorType.INVALID_REQUEST))
                .hasMessageContaining("one list per question");
        env.engine.replyQuestion(s, q.questionId(), List.of(List.of("Blue"), List.of("Small", "Large")));
        var rest = until(env.engine, s, from, e -> e.type() == UniversalEventType.TURN_ENDED);
        // OpenCode got them in its own shape: its question tool reports each answer to the model
        assertThat(lastText(rest)).contains("Blue").contains("Small").contains("Large");
        assertThat(rest).filteredOn(e -> e.type() == UniversalEventType.QUESTION_RESOLVED).singleElement()
                .satisfies(e -> assertThat(((QuestionEventData) e.data()).response()).isEqualTo("Blue\nSmall, Large"));
    }

    @Test
    void agentModeAndModelAreSentWithEachMessage() {
        int before = env.fake.requests().size();
        String s = create(env.engine, null, "plan", "fake2/other-model", null);
        var t = turn(env.engine, s, "[TEXT] plan it");
        JsonObject meta = (JsonObject) ((TurnEventData) t.getLast().data()).metadata();
        assertThat(meta.getString("agent")).isEqualTo("plan");
        assertThat(meta.getString("model")).isEqualTo("fake2/other-model");
        assertThat(env.fake.requests().subList(before, env.fake.requests().size()))
                .anyMatch(r -> "other-model".equals(r.getString("model")));
    }

    @Test
    void modesAndModelsComeFromOpencode() {
        assertThat(env.adapter.modes()).extracting(m -> m.id()).contains("build", "plan");
        create(env.engine, null, null, null, null); // the server now runs with the test's environment
        AgentModels models = env.adapter.models(TestAgents.ensureInstalled(env.adapter).binary());
        assertThat(models.models()).extracting(AgentModel::id).contains("fake/fake-model", "fake2/other-model");
        assertThat(models.defaultModel()).isEqualTo("fake/fake-model");
    }

    @Test
    void modelApiErrorIsAnErrorEventAndTheTurnEnds() {
        String s = create(env.engine, null, null, null, null);
        var t = turn(env.engine, s, "[401] fail");
        var errors = t.stream().filter(e -> e.type() == UniversalEventType.ERROR).map(e -> (ErrorData) e.data()).toList();
        assertThat(errors).anyMatch(e -> "APIError".equals(e.code()) && e.message().contains("Invalid API key"));
        assertThat(lastText(turn(env.engine, s, "[TEXT] again"))).isEqualTo("Hello from the fake model.");
    }
}
