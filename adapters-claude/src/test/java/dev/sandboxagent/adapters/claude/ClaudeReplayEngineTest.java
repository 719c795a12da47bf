package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.conformance.EventInvariants;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recorded transcripts through the translator and core's real normaliser (behind the session
 * engine): the universal events that come out keep the schema's invariants, and parents given
 * as native ids end up as item ids.
 */
class ClaudeReplayEngineTest {

    @TempDir
    Path dir;

    /** Plays a transcript: each message or answer lets it run to the next question or result. */
    static final class ReplaySession implements AgentSession {
        private final List<String> lines;
        private final ClaudeTranslator translator;
        private final ClaudeRequests requests;
        private int next;

        ReplaySession(List<String> lines, AgentEventSink sink) {
            this.lines = lines;
            this.requests = new ClaudeRequests(sink, line -> { });
            this.translator = new ClaudeTranslator(sink, requests);
        }

        private synchronized void play() {
            while (next < lines.size()) {
                String line = lines.get(next++);
                translator.accept(line);
                if (line.contains("\"subtype\":\"can_use_tool\"") || line.startsWith("{\"type\":\"result\"")) {
                    return;
                }
            }
        }

        @Override
        public void sendMessage(UserMessage message) {
            play();
        }

        @Override
        public void replyPermission(String id, PermissionReply reply) {
            requests.replyPermission(id, reply);
            play();
        }

        @Override
        public void replyQuestion(String id, List<List<String>> answers) {
            requests.replyQuestion(id, answers);
            play();
        }

        @Override
        public void rejectQuestion(String id) {
            requests.rejectQuestion(id);
            play();
        }

        /** As claude does: the interrupt lets the transcript run on (to its cancel and result). */
        @Override
        public void interrupt() {
            play();
        }

        @Override
        public void close() {
        }
    }

    record ReplayAdapter(String transcript) implements AgentAdapter {
        @Override
        public String id() {
            return "claude-replay";
        }

        @Override
        public AgentCapabilities capabilities() {
            return new ClaudeAdapter().capabilities();
        }

        @Override
        public List<AgentMode> modes() {
            return new ClaudeAdapter().modes();
        }

        @Override
        public AgentModels models(Path binary) {
            return new ClaudeAdapter().models(binary);
        }

        @Override
        public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
            return new ReplaySession(TranscriptReplay.transcript(transcript + ".jsonl"), sink);
        }
    }

    private SessionEngine engine(String transcript) {
        return new SessionEngine(new AgentCatalog(List.of(new ReplayAdapter(transcript)), new NpmInstaller(dir),
                Map.of(), dir), dir);
    }

    private static List<UniversalEvent> log(SessionEngine engine) {
        return engine.events("s", 0, Integer.MAX_VALUE).events();
    }

    @Test
    void permissionsAndToolResultsKeepTheInvariants() {
        SessionEngine engine = engine("stdio_allow");
        engine.createSession("s", CreateSessionRequest.forAgent("claude-replay"));
        for (int turn = 0; turn < 2; turn++) {
            long from = TurnRunner.size(engine, "s");
            engine.postMessage("s", MessageRequest.of("turn " + turn));
            var asked = TurnRunner.until(engine, "s", from, ofType(UniversalEventType.PERMISSION_REQUESTED));
            engine.replyPermission("s", ((PermissionEventData) asked.getLast().data()).permissionId(), PermissionReply.ONCE);
            TurnRunner.until(engine, "s", from, ofType(UniversalEventType.TURN_ENDED));
        }
        List<UniversalEvent> log = log(engine);
        EventInvariants.check(log);
        assertThat(log.getFirst().nativeSessionId()).isNull(); // this replay announced nothing before the first turn
        assertThat(log.getLast().nativeSessionId()).isEqualTo("0fb8a2f3-64bc-4435-8cf1-a79d98522628");
        List<UniversalItem> calls = completed(log, ItemKind.TOOL_CALL);
        List<UniversalItem> results = completed(log, ItemKind.TOOL_RESULT);
        assertThat(results).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(results.get(i).parentId()).as("parent is the call's item id").isEqualTo(calls.get(i).itemId());
            assertThat(((ContentPart.ToolResult) results.get(i).content().getFirst()).callId())
                    .isEqualTo(calls.get(i).nativeItemId());
        }
        assertThat(log).filteredOn(ofType(UniversalEventType.PERMISSION_RESOLVED)).hasSize(2);
        assertThat(log).filteredOn(ofType(UniversalEventType.AGENT_UNPARSED)).isEmpty();
    }

    @Test
    void errorsAndInterruptsKeepTheInvariants() {
        for (String transcript : List.of("err_500_stdio", "interrupt_stream", "extra_thinking")) {
            SessionEngine engine = engine(transcript);
            engine.createSession("s", CreateSessionRequest.forAgent("claude-replay"));
            int turns = transcript.equals("extra_thinking") ? 1 : 2;
            for (int t = 0; t < turns; t++) {
                List<UniversalEvent> events = TurnRunner.turn(engine, "s", "turn " + t);
                assertThat(events.getLast().type()).as(transcript).isEqualTo(UniversalEventType.TURN_ENDED);
            }
            List<UniversalEvent> log = log(engine);
            EventInvariants.check(log);
            long errors = log.stream().filter(ofType(UniversalEventType.ERROR)).count();
            assertThat(errors).as(transcript).isEqualTo(transcript.equals("err_500_stdio") ? 2 : 0);
            engine.terminate("s");
            EventInvariants.check(log(engine));
        }
    }

    @Test
    void aPermissionClaudeWithdrawsIsResolvedAtOnceAndALateAnswerIsA409() {
        SessionEngine engine = engine("interrupt_pending_perm");
        engine.createSession("s", CreateSessionRequest.forAgent("claude-replay"));
        engine.postMessage("s", MessageRequest.of("turn 0"));
        var asked = TurnRunner.until(engine, "s", 0, ofType(UniversalEventType.PERMISSION_REQUESTED));
        String id = ((PermissionEventData) asked.getLast().data()).permissionId();
        engine.interrupt("s"); // the recording's claude answers the interrupt with a control_cancel_request
        List<UniversalEvent> turn = TurnRunner.until(engine, "s", 0, ofType(UniversalEventType.TURN_ENDED));

        UniversalEvent resolved = turn.stream().filter(ofType(UniversalEventType.PERMISSION_RESOLVED)).findFirst()
                .orElseThrow();
        assertThat(turn).filteredOn(ofType(UniversalEventType.PERMISSION_RESOLVED)).hasSize(1);
        assertThat(resolved.source()).isEqualTo(EventSource.AGENT);
        assertThat(resolved.raw().toString()).contains("control_cancel_request");
        PermissionEventData data = (PermissionEventData) resolved.data();
        assertThat(data.status()).isEqualTo(PermissionStatus.REJECT);
        assertThat(data.metadata().asJsonObject().getJsonObject("withdrawn").getString("by")).isEqualTo("agent");
        // resolved as the cancel arrived: before the tool's (failed) result
        int toolResult = turn.indexOf(turn.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED
                && ((ItemEventData) e.data()).item().kind() == ItemKind.TOOL_RESULT).findFirst().orElseThrow());
        assertThat(turn.indexOf(resolved)).isLessThan(toolResult);

        assertThatThrownBy(() -> engine.replyPermission("s", id, PermissionReply.ONCE))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(dev.sandboxagent.core.error.ErrorKind.CONFLICT))
                .hasMessageContaining("withdrawn by the agent");
        assertThat(TurnRunner.turn(engine, "s", "turn 1").getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
        EventInvariants.check(log(engine));
    }

    @Test
    void askUserQuestionWithSeveralQuestionsIsOneQuestionAnsweredPerSubQuestion() {
        SessionEngine engine = engine("ask_stdio_answer");
        engine.createSession("s", CreateSessionRequest.forAgent("claude-replay"));
        engine.postMessage("s", MessageRequest.of("turn 0"));
        var asked = TurnRunner.until(engine, "s", 0, ofType(UniversalEventType.QUESTION_REQUESTED));
        QuestionEventData q = (QuestionEventData) asked.getLast().data();
        assertThat(q.questions()).extracting(QuestionEventData.SubQuestion::question)
                .containsExactly("Which greeting should I write?", "Which extras do you want?");
        assertThat(q.questions().getFirst().options()).containsExactly("hi", "hello");
        assertThat(q.questions().get(1).multiple()).isTrue();
        engine.replyQuestion("s", q.questionId(), List.of(List.of("hello"), List.of("newline", "date")));
        TurnRunner.until(engine, "s", 0, ofType(UniversalEventType.TURN_ENDED));
        EventInvariants.check(log(engine));
    }
}
