package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.adapters.claude.RecordingSink.PermissionRequested;
import dev.sandboxagent.adapters.claude.RecordingSink.QuestionRequested;
import dev.sandboxagent.adapters.claude.RecordingSink.Unparsed;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionReply;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sandboxagent.adapters.claude.ClaudeTranslatorTest.assertWellFormed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Permissions and questions replayed from recorded transcripts: what the human sees, and the
 * answers written back, compared with what the recording host wrote (and claude accepted).
 */
class ClaudeRequestsTest {

    @Test
    void withdrawnPermissionRequestIgnoresALateAnswer() {
        TranscriptReplay r = new TranscriptReplay();
        r.translator.turnSent();
        r.translator.turnSent();
        r.translator.interruptRequested();
        r.lines(TranscriptReplay.transcript("interrupt_pending_perm.jsonl"));
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of(PermissionRequested.class)).extracting(PermissionRequested::id)
                .containsExactly("a0020e75-9340-48c9-82f3-3b40dfba8caf");
        // the cancel withdraws it at once (before the tool result and the turn's end), once
        assertThat(r.sink.of(RecordingSink.RequestWithdrawn.class)).extracting(RecordingSink.RequestWithdrawn::id)
                .containsExactly("a0020e75-9340-48c9-82f3-3b40dfba8caf");
        List<RecordingSink.Call> calls = r.sink.calls();
        int withdrawn = calls.indexOf(r.sink.of(RecordingSink.RequestWithdrawn.class).getFirst());
        assertThat(calls.subList(0, withdrawn)).noneMatch(c -> c instanceof RecordingSink.TurnEnded);
        assertThat(calls.subList(0, withdrawn)).noneMatch(c -> c instanceof RecordingSink.ItemCompleted i
                && i.item().kind() == ItemKind.TOOL_RESULT);
        r.requests.replyPermission("a0020e75-9340-48c9-82f3-3b40dfba8caf",
                PermissionReply.ONCE);
        assertThat(r.stdin).as("nothing written for a withdrawn request").isEmpty();
        assertThat(r.sink.completed(ItemKind.TOOL_RESULT).getFirst().status()).isEqualTo(ItemStatus.FAILED);
        assertThat(r.sink.of(RecordingSink.Error.class)).isEmpty();
    }


    @Test
    void askUserQuestionIsAQuestionAnsweredWithTheAnswersMap() {
        TranscriptReplay r = TranscriptReplay.of("ask_stdio_answer", 1);
        assertWellFormed(r.sink, 1);
        QuestionRequested q = r.sink.of(QuestionRequested.class).getFirst();
        assertThat(q.id()).isEqualTo("fd67e48a-9ff8-4a51-8fe6-5bd084281caa");
        assertThat(q.prompt()).isEqualTo("Which greeting should I write?\nWhich extras do you want?");
        assertThat(q.options()).containsExactly("hi", "hello");
        assertThat(r.sink.of(PermissionRequested.class)).isEmpty();

        r.requests.replyQuestion(q.id(), List.of(List.of("hello"), List.of("newline", "date")));
        // exactly what the recording host answered (and claude accepted)
        String recorded = TranscriptReplay.transcript("ask_stdio_answer.stdin.jsonl").get(1);
        assertThat(Jsons.parseObject(r.stdin.getFirst())).isEqualTo(Jsons.parseObject(recorded));
    }


    @Test
    void rejectedQuestionIsADeny() {
        TranscriptReplay r = TranscriptReplay.of("ask_stdio_deny", 1);
        QuestionRequested q = r.sink.of(QuestionRequested.class).getFirst();
        r.requests.rejectQuestion(q.id());
        JsonObject response = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response");
        assertThat(response.getString("request_id")).isEqualTo(q.id());
        assertThat(response.getJsonObject("response").getString("behavior")).isEqualTo("deny");
        assertThat(r.sink.completed(ItemKind.TOOL_RESULT).getFirst().status()).isEqualTo(ItemStatus.FAILED);
    }


    @Test
    void exitPlanModeIsAQuestionToApproveThePlan() {
        TranscriptReplay r = TranscriptReplay.of("plan_stdio_allow", 1);
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
                .isEqualTo(Jsons.parseObject(TranscriptReplay.transcript("plan_stdio_allow.stdin.jsonl").get(1)));
    }


    @Test
    void planNotApprovedIsADeny() {
        TranscriptReplay r = TranscriptReplay.of("plan_stdio_allow", 1);
        String id = r.sink.of(QuestionRequested.class).getFirst().id();
        r.requests.replyQuestion(id, List.of(List.of(ClaudeRequests.KEEP_PLANNING)));
        JsonObject answer = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response").getJsonObject("response");
        assertThat(answer.getString("behavior")).isEqualTo("deny");
        assertThat(answer.getString("message")).contains(ClaudeRequests.KEEP_PLANNING);
    }


    @Test
    void allowAlwaysKeepsClaudesSuggestionsForTheSession() {
        TranscriptReplay r = TranscriptReplay.of("extra_allow_always", 1);
        String id = r.sink.of(PermissionRequested.class).getFirst().id();
        r.requests.replyPermission(id, PermissionReply.ALWAYS);
        JsonObject answer = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response").getJsonObject("response");
        assertThat(answer.getString("behavior")).isEqualTo("allow");
        assertThat(answer.getJsonObject("updatedInput").getString("command")).isEqualTo("echo hi > out.txt");
        assertThat(answer.getJsonArray("updatedPermissions")).hasSize(2)
                .allMatch(p -> ((JsonObject) p).getString("destination").equals("session"));
        assertThat(answer.getJsonArray("updatedPermissions").getJsonObject(0).getJsonArray("rules").getJsonObject(0)
                .getString("ruleContent")).isEqualTo("echo hi *");
    }


    @Test
    void unsupportedControlRequestsAreAnsweredWithAnError() {
        TranscriptReplay r = new TranscriptReplay().lines(List.of(
                "{\"type\":\"control_request\",\"request_id\":\"r1\",\"request\":{\"subtype\":\"hook_callback\"}}"));
        JsonObject response = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response");
        assertThat(response.getString("subtype")).isEqualTo("error");
        assertThat(response.getString("request_id")).isEqualTo("r1");
        assertThat(r.sink.of(Unparsed.class)).hasSize(1);
    }

    @Test
    void anAnswerToARequestClaudeNoLongerHasWritesNothing() {
        // Unknown ids and second answers never get here: core's PendingRequests refuses them (404, 409).
        TranscriptReplay r = TranscriptReplay.of("stdio_allow", 2);
        String id = r.sink.of(PermissionRequested.class).getFirst().id();
        r.requests.clear(); // the process is gone
        r.requests.replyPermission(id, PermissionReply.ONCE);
        r.requests.rejectQuestion("nope");
        assertThat(r.stdin).isEmpty();
    }

    @Test
    void allowOnceSendsTheOriginalInputBack() {
        TranscriptReplay r = TranscriptReplay.of("stdio_allow", 2);
        List<PermissionRequested> asks = r.sink.of(PermissionRequested.class);
        r.requests.replyPermission(asks.get(0).id(), PermissionReply.ONCE);
        r.requests.replyPermission(asks.get(1).id(), PermissionReply.REJECT);
        List<String> recorded = TranscriptReplay.transcript("stdio_allow.stdin.jsonl");
        assertThat(Jsons.parseObject(r.stdin.get(0))).isEqualTo(Jsons.parseObject(recorded.get(1)));
        JsonObject deny = Jsons.parseObject(r.stdin.get(1)).getJsonObject("response").getJsonObject("response");
        assertThat(deny.getString("behavior")).isEqualTo("deny");
        assertThat(deny.getString("message")).isEqualTo("The user rejected this tool use.");
        assertThat(r.stdin).hasSize(2);
    }
}
