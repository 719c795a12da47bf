package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.RecordingSink.Call;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The translator and request handling, replayed on transcripts recorded with codex 0.169.0. */
class CodexTranslatorTest {

    private static List<AgentItem> completedItems(RecordingSink sink) {
        return sink.of("itemCompleted").stream().map(Call::item).toList();
    }

    private static <T extends ContentPart> List<T> parts(List<AgentItem> items, Class<T> type) {
        return items.stream().flatMap(i -> i.content().stream()).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void multiturnGivesStreamedMessagesReasoningAndTwoTurnEnds() throws Exception {
        RecordingSink sink = new TranscriptReplay("appserver-multiturn.jsonl").all().sink;
        assertThat(sink.of("unparsed")).isEmpty();
        List<Call> deltas = sink.of("itemDelta");
        assertThat(deltas.stream().filter(d -> d.id().equals("msg_fa0243dea375")).map(Call::text))
                .containsExactly("Hello! T", "his is t", "urn 1.");
        // the reasoning item streams one of its two (identical) delta streams, not both
        assertThat(deltas.stream().filter(d -> d.id().equals("rs_db47b3ea67ea"))).hasSize(1);
        List<AgentItem> done = completedItems(sink);
        assertThat(done.stream().filter(i -> i.kind() == ItemKind.MESSAGE && !i.text().isEmpty()).map(AgentItem::text))
                .containsExactly("Hello! This is turn 1.", "This is turn 2; I remember turn 1.");
        assertThat(parts(done, ContentPart.Reasoning.class)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("The user wants a greeting.");
            assertThat(r.visibility()).isEqualTo(ReasoningVisibility.PUBLIC);
        });
        List<Call> ends = sink.of("turnEnded");
        assertThat(ends).hasSize(2);
        assertThat(ends.getFirst().data().asJsonObject().getString("stop_reason")).isEqualTo("completed");
        assertThat(ends.getLast().data().asJsonObject().getJsonObject("usage").getJsonObject("total").getInt("totalTokens"))
                .isEqualTo(240);
        // codex reports the thread's running total; each turn's usage is what it grew by
        assertThat(sink.usages()).containsExactly(new TurnUsage(100, 20, 0, null), new TurnUsage(100, 20, 0, null));
        assertThat(ends.getFirst().raw()).isNotNull();
        // configWarning (no bubblewrap) and the deprecation notice become status lines
        assertThat(parts(done, ContentPart.Status.class)).extracting(ContentPart.Status::label)
                .contains("configWarning", "deprecationNotice");
    }

    @Test
    void commandAndFileChangeBecomeToolCallsResultsAndFileRefs() throws Exception {
        RecordingSink sink = new TranscriptReplay("appserver-kitchen-sink.jsonl").all().sink;
        List<AgentItem> done = completedItems(sink);
        AgentItem call = done.stream().filter(i -> "call_e557f1adb632".equals(i.nativeId())).findFirst().orElseThrow();
        assertThat(call.kind()).isEqualTo(ItemKind.TOOL_CALL);
        ContentPart.ToolCall tc = parts(List.of(call), ContentPart.ToolCall.class).getFirst();
        assertThat(tc.name()).isEqualTo("command_execution");
        assertThat(tc.arguments()).contains("echo hi-from-shell && ls -la");
        AgentItem result = done.stream().filter(i -> "call_e557f1adb632:result".equals(i.nativeId()))
                .findFirst().orElseThrow();
        assertThat(result.kind()).isEqualTo(ItemKind.TOOL_RESULT);
        assertThat(result.role()).isEqualTo(ItemRole.TOOL);
        assertThat(result.nativeParentId()).isEqualTo("call_e557f1adb632");
        assertThat(result.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(parts(List.of(result), ContentPart.ToolResult.class).getFirst().output()).contains("hi-from-shell");
        assertThat(parts(List.of(result), ContentPart.Json.class).getFirst().json().asJsonObject().getInt("exitCode")).isZero();
        // output deltas streamed on the result item, which was started for them
        assertThat(sink.of("itemStarted")).anyMatch(c -> "call_e557f1adb632:result".equals(c.id()));
        assertThat(sink.of("itemDelta")).anyMatch(c -> "call_e557f1adb632:result".equals(c.id())
                && c.text().contains(".codex"));
        // call before result
        assertThat(done.indexOf(call)).isLessThan(done.indexOf(result));

        List<ContentPart.FileRef> refs = parts(done.stream().filter(i -> i.nativeId() != null
                && i.nativeId().startsWith("call_ec3628e49fa0")).toList(), ContentPart.FileRef.class);
        assertThat(refs).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("<WORK>/hello.txt");
            assertThat(r.action()).isEqualTo(FileAction.WRITE);
            assertThat(r.diff()).isEqualTo("hello world\n");
        });
        assertThat(sink.of("unparsed")).isEmpty();
        assertThat(sink.of("turnEnded")).hasSize(1);
    }

    @Test
    void commandApprovalIsAPermissionAndEachReplyMapsToADecision() throws Exception {
        for (var reply : List.of(PermissionReply.ONCE, PermissionReply.ALWAYS, PermissionReply.REJECT)) {
            TranscriptReplay r = new TranscriptReplay("appserver-cmd-untrusted-accept.jsonl")
                    .through("item/commandExecution/requestApproval");
            Call asked = r.sink.of("permissionRequested").getFirst();
            assertThat(asked.text()).isEqualTo("command_execution");
            assertThat(asked.data().asJsonObject().getString("command")).contains("echo approved > approved.txt");
            assertThat(asked.data().asJsonObject().getString("itemId")).isEqualTo("call_0feb5aa97df9");
            r.requests.replyPermission(asked.id(), reply);
            String decision = switch (reply) {
                case ONCE -> "accept";
                case ALWAYS -> "acceptForSession";
                case REJECT -> "decline";
            };
            assertThat(r.written).containsExactly(
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"decision\":\"" + decision + "\"}}");
            assertThatThrownBy(() -> r.requests.replyPermission(asked.id(), reply))
                    .as("answered once").isInstanceOf(IllegalStateException.class);
            r.all();
            assertThat(r.written).hasSize(1);
        }
    }

    @Test
    void patchApprovalCarriesTheChangesAndUpdatesArePatches() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-patch-readonly-accept.jsonl")
                .through("item/fileChange/requestApproval");
        Call asked = r.sink.of("permissionRequested").getFirst();
        assertThat(asked.text()).isEqualTo("apply_patch");
        assertThat(asked.data().asJsonObject().getJsonArray("changes").getJsonObject(0).getString("path"))
                .isEqualTo("<WORK>/new.txt");
        r.requests.replyPermission(asked.id(), PermissionReply.ONCE);
        r.all();
        List<ContentPart.FileRef> refs = parts(completedItems(r.sink), ContentPart.FileRef.class);
        assertThat(refs).extracting(ContentPart.FileRef::action).contains(FileAction.WRITE, FileAction.PATCH);
        assertThat(refs).anyMatch(f -> f.action() == FileAction.PATCH && f.diff().contains("+line 2 (edited)"));
    }

    @Test
    void modelErrorIsOneErrorEventAndAFailedTurn() throws Exception {
        RecordingSink sink = new TranscriptReplay("appserver-err401.jsonl").all().sink;
        List<Call> errors = sink.of("error");
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().text()).contains("401 Unauthorized");
        assertThat(errors.getFirst().id()).isEqualTo("httpConnectionFailed");
        List<Call> ends = sink.of("turnEnded");
        assertThat(ends.getFirst().data().asJsonObject().getString("stop_reason")).isEqualTo("failed");
        assertThat(ends.getLast().data().asJsonObject().getString("stop_reason")).isEqualTo("completed");
    }

    @Test
    void connectionRetriesAreStatusLinesAndArmTheWatchdog() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-err-conn-refused.jsonl").all();
        assertThat(r.sink.of("error")).isEmpty();
        assertThat(r.retries).hasSize(3).allMatch(m -> m.equals("Reconnecting... waiting for network"));
        assertThat(parts(completedItems(r.sink), ContentPart.Status.class)).filteredOn(s -> s.label().equals("retrying"))
                .hasSize(3).allMatch(s -> s.detail().contains("Connection failed"));
        assertThat(r.sink.of("turnEnded").getFirst().data().asJsonObject().getString("stop_reason"))
                .isEqualTo("interrupted");
    }

    @Test
    void runningCommandsAreKnownUntilTheTurnEnds() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-interrupt-cmd.jsonl").through("item/commandExecution/outputDelta");
        assertThat(r.translator.runningCommands()).singleElement()
                .satisfies(c -> assertThat(c.getString("command")).contains("sleep 30"));
        assertThat(r.translator.codexTurnId()).isEqualTo("01a215d0-e57a-71b3-b8d1-4a348d3906fb");
        r.through("turn/completed");
        assertThat(r.translator.runningCommands()).isEmpty();
        assertThat(r.sink.openTurn()).isNull();
    }

    @Test
    void aTurnEndsExactlyOnceEvenWhenEndedByTheAdapterFirst() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-interrupt-cmd.jsonl").through("item/commandExecution/outputDelta");
        String turn = r.lastTurn();
        assertThat(r.translator.finishTurn(turn, jakarta.json.JsonValue.EMPTY_JSON_OBJECT, null)).isTrue();
        assertThat(r.translator.finishTurn(turn, jakarta.json.JsonValue.EMPTY_JSON_OBJECT, null)).isFalse();
        r.through("turn/completed"); // codex's own end of the same turn comes later
        assertThat(r.sink.of("turnEnded")).extracting(Call::id).containsExactly(turn);
    }

    @Test
    void theSessionsLateEndOfATurnNeverEndsTheNextOne() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-interrupt-cmd.jsonl").through("turn/completed");
        String first = r.lastTurn();
        String second = r.beginTurn();
        assertThat(r.translator.finishTurn(first, jakarta.json.JsonValue.EMPTY_JSON_OBJECT, null)).isFalse();
        assertThat(r.sink.openTurn()).isEqualTo(second);
        assertThat(r.sink.of("turnEnded")).extracting(Call::id).containsExactly(first);
    }

    @Test
    void unknownNotificationsItemsAndLinesAreKeptNotLost() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-multiturn.jsonl");
        r.peer.onLine("{\"method\":\"brand/new/thing\",\"params\":{\"x\":1}}");
        r.peer.onLine("this is not json");
        r.beginTurn();
        r.peer.onLine("{\"method\":\"item/completed\",\"params\":{\"item\":{\"type\":\"hologram\",\"id\":\"h1\"}}}");
        List<Call> unparsed = r.sink.of("unparsed");
        assertThat(unparsed).hasSize(2);
        assertThat(unparsed.getFirst().text()).contains("brand/new/thing");
        assertThat(unparsed.getFirst().raw().toString()).contains("brand/new/thing");
        assertThat(completedItems(r.sink)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ItemKind.UNKNOWN);
            assertThat(i.content().getFirst()).isInstanceOf(ContentPart.Json.class);
        });
    }

    @Test
    void unhandledServerRequestsGetAnErrorAnswer() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-multiturn.jsonl");
        r.peer.onLine("{\"id\":7,\"method\":\"item/tool/call\",\"params\":{}}");
        assertThat(r.written).singleElement().satisfies(l -> assertThat(l).contains("\"id\":7").contains("-32601"));
    }
}
