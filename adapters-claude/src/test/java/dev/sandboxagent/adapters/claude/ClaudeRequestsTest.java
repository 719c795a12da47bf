package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.testing.RecordingSink.Call;
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
        TranscriptReplay r = TranscriptReplay.interruptingTheFirstTurn("interrupt_pending_perm");
        assertWellFormed(r.sink, 2);
        assertThat(r.sink.of("permissionRequested")).extracting(Call::id)
                .containsExactly("a0020e75-9340-48c9-82f3-3b40dfba8caf");
        // the cancel withdraws it at once (before the tool result and the turn's end), once
        assertThat(r.sink.of("requestWithdrawn")).extracting(Call::id)
                .containsExactly("a0020e75-9340-48c9-82f3-3b40dfba8caf");
        List<Call> calls = r.sink.calls();
        int withdrawn = calls.indexOf(r.sink.of("requestWithdrawn").getFirst());
        assertThat(calls.subList(0, withdrawn)).noneMatch(c -> c.method().equals("turnEnded"));
        assertThat(calls.subList(0, withdrawn)).noneMatch(c -> c.method().equals("itemCompleted")
                && c.item().kind() == ItemKind.TOOL_RESULT);
        // core refuses answers to it (409); an answer it claimed just before the cancel is not written
        r.requests.replyPermission("a0020e75-9340-48c9-82f3-3b40dfba8caf",
                PermissionReply.ONCE);
        assertThat(r.stdin).as("nothing written for a withdrawn request").isEmpty();
        assertThat(r.sink.completed(ItemKind.TOOL_RESULT).getFirst().status()).isEqualTo(ItemStatus.FAILED);
        assertThat(r.sink.of("error")).isEmpty();
    }


    @Test
    void askUserQuestionIsAQuestionAnsweredWithTheAnswersMap() {
        TranscriptReplay r = TranscriptReplay.of("ask_stdio_answer");
        assertWellFormed(r.sink, 1);
        Call q = r.sink.of("questionRequested").getFirst();
        assertThat(q.id()).isEqualTo("fd67e48a-9ff8-4a51-8fe6-5bd084281caa");
        assertThat(q.text()).isEqualTo("Which greeting should I write?\nWhich extras do you want?");
        assertThat(q.options()).containsExactly("hi", "hello");
        assertThat(r.sink.of("permissionRequested")).isEmpty();

        r.requests.replyQuestion(q.id(), List.of(List.of("hello"), List.of("newline", "date")));
        // exactly what the recording host answered (and claude accepted)
        String recorded = TranscriptReplay.transcript("ask_stdio_answer.stdin.jsonl").get(1);
        assertThat(Jsons.parseObject(r.stdin.getFirst())).isEqualTo(Jsons.parseObject(recorded));
    }


    @Test
    void rejectedQuestionIsADeny() {
        TranscriptReplay r = TranscriptReplay.of("ask_stdio_deny");
        Call q = r.sink.of("questionRequested").getFirst();
        r.requests.rejectQuestion(q.id());
        JsonObject response = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response");
        assertThat(response.getString("request_id")).isEqualTo(q.id());
        assertThat(response.getJsonObject("response").getString("behavior")).isEqualTo("deny");
        assertThat(r.sink.completed(ItemKind.TOOL_RESULT).getFirst().status()).isEqualTo(ItemStatus.FAILED);
    }


    @Test
    void exitPlanModeIsAQuestionToApproveThePlan() {
        TranscriptReplay r = TranscriptReplay.of("plan_stdio_allow");
        assertWellFormed(r.sink, 1);
        assertThat(r.sink.of("questionRequested")).hasSize(1);
        Call q = r.sink.of("questionRequested").getFirst();
        assertThat(q.text()).startsWith("Approve this plan?").contains("1. Write plan_out.txt containing 'planned'");
        assertThat(q.options()).containsExactly(ClaudeRequests.APPROVE, ClaudeRequests.KEEP_PLANNING);
        assertThat(r.sink.of("permissionRequested")).extracting(Call::text).containsExactly("Write");
        assertThat(r.sink.completed(ItemKind.STATUS)).anyMatch(i -> ((ContentPart.Status) i.content().getFirst())
                .label().equals("permission_mode") && "default".equals(((ContentPart.Status) i.content().getFirst()).detail()));

        r.requests.replyQuestion(q.id(), List.of(List.of("Approve")));
        assertThat(Jsons.parseObject(r.stdin.getFirst()))
                .isEqualTo(Jsons.parseObject(TranscriptReplay.transcript("plan_stdio_allow.stdin.jsonl").get(1)));
    }


    @Test
    void planNotApprovedIsADeny() {
        TranscriptReplay r = TranscriptReplay.of("plan_stdio_allow");
        String id = r.sink.of("questionRequested").getFirst().id();
        r.requests.replyQuestion(id, List.of(List.of(ClaudeRequests.KEEP_PLANNING)));
        JsonObject answer = Jsons.parseObject(r.stdin.getFirst()).getJsonObject("response").getJsonObject("response");
        assertThat(answer.getString("behavior")).isEqualTo("deny");
        assertThat(answer.getString("message")).contains(ClaudeRequests.KEEP_PLANNING);
    }


    @Test
    void allowAlwaysKeepsClaudesSuggestionsForTheSession() {
        TranscriptReplay r = TranscriptReplay.of("extra_allow_always");
        String id = r.sink.of("permissionRequested").getFirst().id();
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
        assertThat(r.sink.of("unparsed")).hasSize(1);
    }

    @Test
    void aCancelIsReportedForCoreToDecideAndAnAnswerClaimedMeanwhileWritesNothing() {
        // Unknown ids and second answers never get here: core's PendingRequests refuses them (404, 409).
        TranscriptReplay r = TranscriptReplay.of("stdio_allow");
        String id = r.sink.of("permissionRequested").getFirst().id();
        r.lines(List.of("{\"type\":\"control_cancel_request\",\"request_id\":\"" + id + "\"}",
                "{\"type\":\"control_cancel_request\",\"request_id\":\"unknown\"}"));
        assertThat(r.sink.of("requestWithdrawn")).as("core ignores ids it has not open").extracting(Call::id)
                .containsExactly(id, "unknown");
        r.requests.replyPermission(id, PermissionReply.ONCE);
        assertThat(r.stdin).isEmpty();
    }

    @Test
    void allowOnceSendsTheOriginalInputBack() {
        TranscriptReplay r = TranscriptReplay.of("stdio_allow");
        List<Call> asks = r.sink.of("permissionRequested");
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
