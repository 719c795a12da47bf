package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.testing.RecordingSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACP translator replaying transcripts recorded from the real CLIs (and one covering the whole protocol). */
class AcpTranslatorTest {

    @Test
    void geminiToolCallPermissionsAndStreamedText() {
        AcpReplay r = AcpReplay.of("gemini-0.61.0-permission-tool.acp");
        // three turns: write refused by Gemini after "always" (untrusted folder), write allowed once, a listing
        assertThat(r.sink.of("turnEnded")).hasSize(3);
        assertThat(r.sink.of("permissionRequested")).hasSize(2)
                .allSatisfy(c -> assertThat(c.text()).isEqualTo("Writing to out.txt"));
        List<AgentItem> results = r.sink.completed(ItemKind.TOOL_RESULT);
        assertThat(results).extracting(AgentItem::status)
                .containsExactly(ItemStatus.FAILED, ItemStatus.COMPLETED, ItemStatus.COMPLETED);
        assertThat(output(results.getFirst())).contains("untrusted folder");
        assertThat(results.get(1).content()).anyMatch(p -> p instanceof ContentPart.FileRef f
                && f.path().endsWith("out.txt") && f.action() == FileAction.WRITE && f.diff().contains("+hello"));
        List<AgentItem> calls = r.sink.completed(ItemKind.TOOL_CALL);
        assertThat(calls).hasSize(3);
        assertThat(((ContentPart.ToolCall) calls.getLast().content().getFirst()).name()).isEqualTo("search");
        assertThat(r.sink.completedTexts()).contains("Hello world.");
        assertThat(r.sink.of("itemDelta")).extracting(RecordingSink.Call::text).contains("Hello ", "world.");
        assertThat(r.sink.usages()).first().isEqualTo(new TurnUsage(20, 6, 0, null));
        assertThat(r.sink.of("unparsed")).isEmpty();
    }

    @Test
    void geminiModeSwitchWrittenAsTextBecomesAStatus() {
        AcpReplay r = AcpReplay.of("gemini-0.61.0-allow-always.acp");
        assertThat(r.sink.completedTexts()).doesNotContain("[MODE_UPDATE] autoEdit");
        assertThat(r.sink.completed(ItemKind.STATUS)).anyMatch(i -> i.content().getFirst()
                instanceof ContentPart.Status s && s.label().equals("mode") && s.detail().equals("autoEdit"));
        assertThat(r.sink.of("permissionRequested")).hasSize(1); // the second write was not asked for
    }

    @Test
    void historyReplayedBySessionLoadIsNotTakenForATurn() {
        AcpReplay r = AcpReplay.of("gemini-0.61.0-load-replay.acp");
        // Gemini answers session/load before its replay is over. Replayed chunks before our prompt are
        // dropped (the user's "hello one"); in this recording the replayed "Hello world." came after
        // the prompt had been sent, and nothing tells it apart from the turn's own text: this is why
        // AcpSession waits for the agent to go quiet after session/load before taking prompts.
        assertThat(r.sink.of("turnEnded")).hasSize(1);
        assertThat(r.sink.completedTexts()).containsExactly("Hello world.", "Hello world."); // split by a commands update
    }

    @Test
    void qwenUsageOnChunksAndWriteThroughClientFiles() {
        AcpReplay r = AcpReplay.of("qwen-0.24.4-text-tool-write.acp");
        assertThat(r.sink.of("turnEnded")).hasSize(3);
        assertThat(r.sink.usages()).first().isEqualTo(new TurnUsage(5, 2, 0, null));
        List<AgentItem> calls = r.sink.completed(ItemKind.TOOL_CALL);
        assertThat(calls).extracting(i -> ((ContentPart.ToolCall) i.content().getFirst()).name())
                .containsExactly("list_directory", "write_file");
        assertThat(((ContentPart.ToolCall) calls.getLast().content().getFirst()).arguments()).contains("hello");
        // the write went to fs/write_text_file, which this replay did not offer: refused, never done
        assertThat(r.sent).anyMatch(l -> l.contains("\"error\"") && l.contains("fs/write_text_file was not offered"));
        assertThat(r.sink.of("unparsed")).extracting(RecordingSink.Call::id)
                .containsOnly("qwen/notify/session/prompt-suggestion");
    }

    @Test
    void everyUpdateKindOfTheProtocol() {
        AcpReplay r = AcpReplay.of("protocol-kitchen-sink.acp");
        List<AgentItem> done = r.sink.of("itemCompleted").stream().map(RecordingSink.Call::item).toList();
        assertThat(done.getFirst().content().getFirst()).isInstanceOf(ContentPart.Reasoning.class);
        assertThat(done.getFirst().text()).isEmpty();
        assertThat(((ContentPart.Reasoning) done.getFirst().content().getFirst()).text()).isEqualTo("Let me think.");
        assertThat(r.sink.completed(ItemKind.STATUS)).extracting(i -> ((ContentPart.Status) i.content().getFirst()).label())
                .containsExactly("plan", "mode", "session_info");
        assertThat(((ContentPart.Status) r.sink.completed(ItemKind.STATUS).getFirst().content().getFirst()).detail())
                .isEqualTo("[completed] Read the file\n[pending] Edit it");
        List<AgentItem> results = r.sink.completed(ItemKind.TOOL_RESULT);
        assertThat(results).extracting(AgentItem::nativeId).containsExactly("t1:result", "t2:result", "t3:result");
        assertThat(results).extracting(AgentItem::status)
                .containsExactly(ItemStatus.COMPLETED, ItemStatus.FAILED, ItemStatus.FAILED); // t3: turn ended first
        assertThat(results.getFirst().content()).anyMatch(p -> p instanceof ContentPart.FileRef f
                && f.action() == FileAction.PATCH && f.diff().contains("-one") && f.diff().contains("+two"));
        assertThat(output(results.get(1))).contains("terminal term-1");
        assertThat(r.sink.completed(ItemKind.UNKNOWN)).hasSize(1); // the image chunk, kept as JSON
        assertThat(r.sink.completedTexts()).contains("All done.");
        assertThat(r.sink.of("unparsed")).extracting(RecordingSink.Call::text)
                .anyMatch(t -> t.contains("brand_new_kind"))
                .anyMatch(t -> t.contains("not JSON"))
                .anyMatch(t -> t.contains("vendor/notice"));
        assertThat(r.sink.usages()).containsExactly(new TurnUsage(100, 20, 30, null));
        assertThat(Jsons.string(Jsons.object(r.sink.of("turnEnded").getFirst().data()), "stop_reason")).isEqualTo("end_turn");
    }

    private static String output(AgentItem result) {
        return ((ContentPart.ToolResult) result.content().getFirst()).output();
    }
}
