package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.adapters.claude.RecordingSink.AgentExited;
import dev.sandboxagent.adapters.claude.RecordingSink.Call;
import dev.sandboxagent.adapters.claude.RecordingSink.Error;
import dev.sandboxagent.adapters.claude.RecordingSink.ItemCompleted;
import dev.sandboxagent.adapters.claude.RecordingSink.ItemDelta;
import dev.sandboxagent.adapters.claude.RecordingSink.ItemStarted;
import dev.sandboxagent.adapters.claude.RecordingSink.PermissionRequested;
import dev.sandboxagent.adapters.claude.RecordingSink.QuestionRequested;
import dev.sandboxagent.adapters.claude.RecordingSink.SessionStarted;
import dev.sandboxagent.adapters.claude.RecordingSink.TurnEnded;
import dev.sandboxagent.adapters.claude.RecordingSink.Unparsed;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.UniversalItem;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The translator fed with recorded claude transcripts (src/test/resources/transcripts). */
class ClaudeTranslatorTest {

    /** A replay: the sink, the translator and what the adapter wrote back to claude's stdin. */
    static final class Replay {
        final RecordingSink sink = new RecordingSink();
        final List<String> stdin = new ArrayList<>();
        final ClaudeRequests requests = new ClaudeRequests(sink, stdin::add);
        final ClaudeTranslator translator = new ClaudeTranslator(sink, requests);

        Replay lines(List<String> lines) {
            lines.forEach(translator::accept);
            return this;
        }
    }

    static List<String> transcript(String name) {
        try (InputStream in = ClaudeTranslatorTest.class.getResourceAsStream("/transcripts/" + name)) {
            if (in == null) {
                throw new AssertionError("no transcript " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Replays NAME.jsonl as one session given {@code turns} user messages. */
    static Replay replay(String name, int turns) {
        Replay r = new Replay();
        for (int i = 0; i < turns; i++) {
            r.translator.turnSent();
        }
        return r.lines(transcript(name + ".jsonl"));
    }

    static UniversalItem only(List<UniversalItem> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    /** Deltas only for started items; one turn end per turn; raw everywhere; nothing unparsed. */
    static void assertWellFormed(RecordingSink sink, int turns) {
        Set<String> started = new HashSet<>();
        for (Call c : sink.calls()) {
            if (c instanceof ItemStarted s) {
                started.add(s.item().nativeItemId());
            } else if (c instanceof ItemDelta d) {
                assertThat(started).as("delta of an item that was started").contains(d.nativeItemId());
            }
        }
        assertThat(sink.of(TurnEnded.class)).hasSize(turns);
        assertThat(sink.of(Unparsed.class)).isEmpty();
        assertThat(sink.withoutRaw()).isEmpty();
    }

    /** What the deltas of an item add up to. */
    static String deltas(RecordingSink sink, String nativeId) {
        StringBuilder sb = new StringBuilder();
        sink.of(ItemDelta.class).stream().filter(d -> d.nativeItemId().equals(nativeId)).forEach(d -> sb.append(d.delta()));
        return sb.toString();
    }

    @Test
    void twoTurnsWithToolsPermissionsAndStreamedText() {
        Replay r = replay("stdio_allow", 2);
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of(SessionStarted.class)).extracting(SessionStarted::nativeId)
                .containsOnly("0fb8a2f3-64bc-4435-8cf1-a79d98522628");
        assertThat(((JsonObject) r.sink.of(SessionStarted.class).getFirst().metadata()).getString("model"))
                .isEqualTo("claude-opus-4-8[1m]");

        List<UniversalItem> texts = r.sink.completed(ItemKind.MESSAGE);
        assertThat(texts).extracting(UniversalItem::text).containsExactly("I'll create out.txt with a shell command.",
                "Turn 1 done.", "Now writing notes.md with the Write tool.", "Turn 2 done.");
        for (UniversalItem t : texts) {
            assertThat(deltas(r.sink, t.nativeItemId())).as("deltas of " + t.nativeItemId()).isEqualTo(t.text());
            assertThat(t.role()).isEqualTo(ItemRole.ASSISTANT);
        }
        assertThat(texts.getFirst().nativeItemId()).isEqualTo("msg_fake_72678c377b4f4184:0");

        List<UniversalItem> calls = r.sink.completed(ItemKind.TOOL_CALL);
        assertThat(calls).extracting(UniversalItem::nativeItemId)
                .containsExactly("toolu_fake_205028f4f5b34dd3", "toolu_fake_4124f4819eb7469c");
        ContentPart.ToolCall bash = (ContentPart.ToolCall) calls.getFirst().content().getFirst();
        assertThat(bash.name()).isEqualTo("Bash");
        assertThat(Jsons.parseObject(bash.arguments()).getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(deltas(r.sink, bash.callId())).isEqualTo("{\"command\": \"echo hi > out.txt\", \"description\": \"Write hi to out.txt\"}");

        List<UniversalItem> results = r.sink.completed(ItemKind.TOOL_RESULT);
        assertThat(results).extracting(UniversalItem::parentId)
                .containsExactly("toolu_fake_205028f4f5b34dd3", "toolu_fake_4124f4819eb7469c");
        assertThat(results).allMatch(i -> i.status() == ItemStatus.COMPLETED && i.role() == ItemRole.TOOL);
        assertThat(((ContentPart.ToolResult) results.getFirst().content().getFirst()).output())
                .isEqualTo("(Bash completed with no output)");

        List<PermissionRequested> asks = r.sink.of(PermissionRequested.class);
        assertThat(asks).extracting(PermissionRequested::id)
                .containsExactly("f5960df4-6c7d-4abc-95e2-6e8750b66fcb", "56395be8-c7ed-4c56-ade9-94287fca81c4");
        assertThat(asks).extracting(PermissionRequested::action).containsExactly("Bash", "Write");
        JsonObject meta = (JsonObject) asks.getFirst().metadata();
        assertThat(meta.getJsonObject("input").getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(meta.getString("description")).isEqualTo("Write hi to out.txt");
        assertThat(meta.getString("tool_use_id")).isEqualTo("toolu_fake_205028f4f5b34dd3");
        assertThat(meta).doesNotContainKey("subtype");

        assertThat(r.sink.completed(ItemKind.STATUS)).extracting(i -> ((ContentPart.Status) i.content().getFirst()).label())
                .containsOnly("requesting");
        assertThat(r.sink.of(Error.class)).isEmpty();
        assertThat(((JsonObject) r.sink.of(TurnEnded.class).getFirst().metadata()).getString("stop_reason"))
                .isEqualTo("end_turn");
    }

    @Test
    void thinkingBecomesAReasoningItemWithDeltas() {
        Replay r = replay("extra_thinking", 1);
        assertWellFormed(r.sink, 1);
        List<UniversalItem> messages = r.sink.completed(ItemKind.MESSAGE);
        assertThat(messages).hasSize(2);
        UniversalItem thinking = messages.getFirst();
        assertThat(thinking.nativeItemId()).isEqualTo("msg_fake_d2d904f5de4b45c4:0");
        assertThat(thinking.content()).singleElement().isInstanceOfSatisfying(ContentPart.Reasoning.class,
                p -> assertThat(p.text()).isEqualTo("Let me think about this briefly."));
        assertThat(deltas(r.sink, thinking.nativeItemId())).isEqualTo("Let me think about this briefly.");
        assertThat(messages.get(1).nativeItemId()).isEqualTo("msg_fake_d2d904f5de4b45c4:1");
        assertThat(messages.get(1).text()).isEqualTo("Answer after thinking.");
    }

    @Test
    void interruptedStreamEndsTheTurnWithoutAnError() {
        Replay r = new Replay();
        r.translator.turnSent();
        r.translator.turnSent();
        r.translator.interruptRequested();
        r.lines(transcript("interrupt_stream.jsonl"));
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of(Error.class)).isEmpty();
        JsonObject first = (JsonObject) r.sink.of(TurnEnded.class).getFirst().metadata();
        assertThat(first.getBoolean("interrupted")).isTrue();
        assertThat(first.getString("terminal_reason")).isEqualTo("aborted_streaming");
        assertThat(((JsonObject) r.sink.of(TurnEnded.class).get(1).metadata())).doesNotContainKey("interrupted");
        assertThat(r.sink.completed(ItemKind.STATUS)).anyMatch(i -> i.content().getFirst() instanceof ContentPart.Status s
                && s.label().equals("interrupted") && s.detail().equals("[Request interrupted by user]"));
        assertThat(r.sink.completed(ItemKind.MESSAGE)).extracting(UniversalItem::text)
                .containsExactly("This is a sl", "Fresh answer after the interrupt.");
    }

    @Test
    void withdrawnPermissionRequestIgnoresALateAnswer() {
        Replay r = new Replay();
        r.translator.turnSent();
        r.translator.turnSent();
        r.translator.interruptRequested();
        r.lines(transcript("interrupt_pending_perm.jsonl"));
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of(PermissionRequested.class)).extracting(PermissionRequested::id)
                .containsExactly("a0020e75-9340-48c9-82f3-3b40dfba8caf");
        r.requests.replyPermission("a0020e75-9340-48c9-82f3-3b40dfba8caf",
                dev.sandboxagent.core.schema.PermissionReply.ONCE);
        assertThat(r.stdin).as("nothing written for a withdrawn request").isEmpty();
        assertThat(only(r.sink.completed(ItemKind.TOOL_RESULT)).status()).isEqualTo(ItemStatus.FAILED);
        assertThat(r.sink.of(Error.class)).isEmpty();
    }

    @Test
    void modelErrorsAreErrorEventsAndTheSessionGoesOn() {
        Replay r = replay("err_500_stdio", 2);
        assertWellFormed(r.sink, 2);
        List<Error> errors = r.sink.of(Error.class);
        assertThat(errors).hasSize(2);
        assertThat(errors.getFirst().code()).isEqualTo("server_error");
        assertThat(errors.getFirst().message()).startsWith("API Error: 500 fake internal error");
        assertThat(((JsonObject) errors.getFirst().details()).getInt("api_error_status")).isEqualTo(500);
        assertThat(r.sink.completed(ItemKind.MESSAGE)).allMatch(i -> i.status() == ItemStatus.FAILED);
        // the error comes before the end of its turn
        List<Call> calls = r.sink.calls();
        assertThat(calls.indexOf(errors.getFirst())).isLessThan(calls.indexOf(r.sink.of(TurnEnded.class).getFirst()));
    }

    @Test
    void retriesAreStatusItems() {
        Replay r = replay("err_401_retries2", 1);
        assertWellFormed(r.sink, 1);
        List<UniversalItem> retries = r.sink.completed(ItemKind.STATUS).stream()
                .filter(i -> ((ContentPart.Status) i.content().getFirst()).label().equals("api_retry")).toList();
        assertThat(retries).hasSize(2);
        assertThat(((ContentPart.Status) retries.getFirst().content().getFirst()).detail())
                .isEqualTo("attempt 1 of 2 after HTTP 401 authentication_failed");
        assertThat(r.sink.of(Error.class)).singleElement().extracting(Error::code).isEqualTo("authentication_failed");
    }

    @Test
    void askUserQuestionIsAQuestionAnsweredWithTheAnswersMap() {
        Replay r = replay("ask_stdio_answer", 1);
        assertWellFormed(r.sink, 1);
        QuestionRequested q = r.sink.of(QuestionRequested.class).getFirst();
        assertThat(q.id()).isEqualTo("fd67e48a-9ff8-4a51-8fe6-5bd084281caa");
        assertThat(q.prompt()).isEqualTo("Which greeting should I write?\nWhich extras do you want?");
        assertThat(q.options()).containsExactly("hi", "hello");
        assertThat(r.sink.of(PermissionRequested.class)).isEmpty();

        r.requests.replyQuestion(q.id(), List.of(List.of("hello"), List.of("newline", "date")));
        // exactly what the recording host answered (and claude accepted)
        String recorded = transcript("ask_stdio_answer.stdin.jsonl").get(1);
        assertThat(Jsons.parseObject(r.stdin.getFirst())).isEqualTo(Jsons.parseObject(recorded));
    }

    @Test
    void rejectedQuestionIsADeny() {
        Replay r = replay("ask_stdio_deny", 1);
        QuestionRequested q = r.sink.of(QuestionRequested.class).getFirst();
        r.requests.rejectQuestion(q.id());
        JsonObject response = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response");
        assertThat(response.getString("request_id")).isEqualTo(q.id());
        assertThat(response.getJsonObject("response").getString("behavior")).isEqualTo("deny");
        assertThat(only(r.sink.completed(ItemKind.TOOL_RESULT)).status()).isEqualTo(ItemStatus.FAILED);
    }

    @Test
    void exitPlanModeIsAQuestionToApproveThePlan() {
        Replay r = replay("plan_stdio_allow", 1);
        assertWellFormed(r.sink, 1);
        assertThat(r.sink.of(QuestionRequested.class)).hasSize(1);
        QuestionRequested q = r.sink.of(QuestionRequested.class).getFirst();
        assertThat(q.prompt()).startsWith("Approve this plan?").contains("1. Write plan_out.txt containing 'planned'");
        assertThat(q.options()).containsExactly(ClaudeRequests.APPROVE, ClaudeRequests.KEEP_PLANNING);
        assertThat(r.sink.of(PermissionRequested.class)).extracting(PermissionRequested::action).containsExactly("Write");
        assertThat(r.sink.completed(ItemKind.STATUS)).anyMatch(i -> ((ContentPart.Status) i.content().getFirst())
                .label().equals("permission_mode") && "default".equals(((ContentPart.Status) i.content().getFirst()).detail()));

        r.requests.replyQuestion(q.id(), List.of(List.of("Approve")));
        assertThat(Jsons.parseObject(r.stdin.getFirst()))
                .isEqualTo(Jsons.parseObject(transcript("plan_stdio_allow.stdin.jsonl").get(1)));
    }

    @Test
    void planNotApprovedIsADeny() {
        Replay r = replay("plan_stdio_allow", 1);
        String id = r.sink.of(QuestionRequested.class).getFirst().id();
        r.requests.replyQuestion(id, List.of(List.of(ClaudeRequests.KEEP_PLANNING)));
        JsonObject answer = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response").getJsonObject("response");
        assertThat(answer.getString("behavior")).isEqualTo("deny");
        assertThat(answer.getString("message")).contains(ClaudeRequests.KEEP_PLANNING);
    }

    @Test
    void allowAlwaysKeepsClaudesSuggestionsForTheSession() {
        Replay r = replay("extra_allow_always", 1);
        String id = r.sink.of(PermissionRequested.class).getFirst().id();
        r.requests.replyPermission(id, dev.sandboxagent.core.schema.PermissionReply.ALWAYS);
        JsonObject answer = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response").getJsonObject("response");
        assertThat(answer.getString("behavior")).isEqualTo("allow");
        assertThat(answer.getJsonObject("updatedInput").getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(answer.getJsonArray("updatedPermissions")).hasSize(2)
                .allMatch(p -> ((JsonObject) p).getString("destination").equals("session"));
        assertThat(answer.getJsonArray("updatedPermissions").getJsonObject(0).getJsonArray("rules").getJsonObject(0)
                .getString("ruleContent")).isEqualTo("echo hi *");
    }

    @Test
    void aResultNobodyAskedForReportsOnlyItsError() {
        Replay r = replay("resume_4_unknown_id", 0);
        assertThat(r.sink.of(TurnEnded.class)).isEmpty();
        Error e = r.sink.of(Error.class).getFirst();
        assertThat(e.message()).isEqualTo("No conversation found with session ID: 00000000-0000-4000-8000-000000000000");
        assertThat(e.code()).isEqualTo("error_during_execution");
        assertThat(r.sink.of(AgentExited.class)).isEmpty();
    }

    @Test
    void unknownOutputIsUnparsedWithTheRawLine() {
        Replay r = new Replay().lines(List.of("not json at all", "{\"type\":\"mystery\"}",
                "{\"type\":\"system\",\"subtype\":\"brand_new\"}", "[1,2]", ""));
        assertThat(r.sink.of(Unparsed.class)).extracting(Unparsed::raw)
                .containsExactly("not json at all", "{\"type\":\"mystery\"}", "{\"type\":\"system\",\"subtype\":\"brand_new\"}",
                        "[1,2]");
        assertThat(r.sink.of(Unparsed.class)).allMatch(u -> u.location().equals("stdout"));
    }

    @Test
    void unsupportedControlRequestsAreAnsweredWithAnError() {
        Replay r = new Replay().lines(List.of(
                "{\"type\":\"control_request\",\"request_id\":\"r1\",\"request\":{\"subtype\":\"hook_callback\"}}"));
        JsonObject response = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response");
        assertThat(response.getString("subtype")).isEqualTo("error");
        assertThat(response.getString("request_id")).isEqualTo("r1");
        assertThat(r.sink.of(Unparsed.class)).hasSize(1);
    }

    @Test
    void subagentItemsArePartOfTheirTaskCall() {
        Replay r = new Replay().lines(List.of("{\"type\":\"assistant\",\"parent_tool_use_id\":\"toolu_task\","
                + "\"message\":{\"id\":\"msg_sub\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"sub\"}]}}"));
        assertThat(only(r.sink.completed(ItemKind.MESSAGE)).parentId()).isEqualTo("toolu_task");
    }
}
