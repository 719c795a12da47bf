package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.sandboxagent.adapters.opencode.TestSessions.create;
import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.ofType;
import static dev.sandboxagent.core.testing.TurnRunner.size;
import static dev.sandboxagent.core.testing.TurnRunner.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code opencode serve}, reached through a {@link CuttingProxy}: its event stream is
 * cut three times in one turn (mid text, while a permission is pending and its tool then runs,
 * and mid the last text), each time while OpenCode goes on working, and the universal log must
 * end with exactly the items, tool states and permission of the same turn run uncut.
 */
class OpencodeStreamCutTest {

    @TempDir
    static Path tmp;
    static CuttingProxy proxy;
    static OpencodeTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        proxy = new CuttingProxy();
        env = new OpencodeTestEnv(tmp, Map.of(), new OpencodeAdapter(proxy::route));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void cutStreamsAreCaughtUpWithNothingLostAndNothingRepeated() throws Exception {
        List<UniversalEvent> uncut = turn("u", false);
        List<UniversalEvent> cut = turn("c", true);
        assertExactlyOnce(uncut);
        assertExactlyOnce(cut);
        assertThat(signatures(cut)).containsExactlyInAnyOrderElementsOf(signatures(uncut));
        assertThat(completed(cut, ItemKind.MESSAGE).stream().map(UniversalItem::text))
                .contains("First half, second half.", "Done after the tool: cut-ok");
        // what the gaps hid came from the catch-up
        assertThat(cut).filteredOn(ofType(UniversalEventType.PERMISSION_REQUESTED)).singleElement()
                .satisfies(e -> assertThat(((JsonObject) e.raw()).getBoolean("catchUp", false)).isTrue());
    }

    /** Runs a {@code [GATED tag]} turn with the bash permission granted; with {@code cutting}, three cuts. */
    private static List<UniversalEvent> turn(String tag, boolean cutting) throws Exception {
        String s = create(env.engine, "default", null, null, null);
        long from = size(env.engine, s);
        if (!cutting) {
            env.fake.open(tag + "-1");
            env.fake.open(tag + "-2");
        }
        env.engine.postMessage(s, MessageRequest.of("[GATED " + tag + "] run echo"));
        if (cutting) {
            // 1: mid text; in the gap the text completes, the tool call starts and asks permission
            until(env.engine, s, from, ofType(UniversalEventType.ITEM_DELTA));
            int mark = proxy.cut();
            env.fake.open(tag + "-1");
            proxy.awaitTap("\"permission.asked\"", mark);
            proxy.resume();
        }
        var asked = until(env.engine, s, from, ofType(UniversalEventType.PERMISSION_REQUESTED));
        String permission = ((PermissionEventData) asked.getLast().data()).permissionId();
        if (cutting) {
            // 2: while the permission is pending; in the gap it is granted, the tool runs, the next step starts
            proxy.cut();
            env.engine.replyPermission(s, permission, PermissionReply.ONCE);
            env.fake.awaitReached(tag + "-2");
            proxy.resume();
            until(env.engine, s, from, e -> e.type() == UniversalEventType.ITEM_COMPLETED
                    && ((ItemEventData) e.data()).item().kind() == ItemKind.TOOL_RESULT);
            // 3: mid the last text; in the gap the turn ends
            int mark = proxy.cut();
            env.fake.open(tag + "-2");
            proxy.awaitTap("\"session.idle\"", mark);
            proxy.resume();
        } else {
            env.engine.replyPermission(s, permission, PermissionReply.ONCE);
        }
        until(env.engine, s, from, ofType(UniversalEventType.TURN_ENDED));
        return env.engine.events(s, from, Integer.MAX_VALUE).events();
    }

    /** Each item started and completed once, its deltas add up to its text, one permission, one turn. */
    private static void assertExactlyOnce(List<UniversalEvent> events) {
        assertThat(events).noneMatch(e -> e.type() == UniversalEventType.ERROR
                || e.type() == UniversalEventType.AGENT_UNPARSED);
        Map<String, Long> started = count(events, UniversalEventType.ITEM_STARTED,
                e -> ((ItemEventData) e.data()).item().itemId());
        Map<String, Long> done = count(events, UniversalEventType.ITEM_COMPLETED,
                e -> ((ItemEventData) e.data()).item().itemId());
        assertThat(started).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(done).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(done.keySet()).isEqualTo(started.keySet());
        for (UniversalItem message : completed(events, ItemKind.MESSAGE).stream()
                .filter(i -> i.role() == ItemRole.ASSISTANT).toList()) {
            String deltas = events.stream().filter(ofType(UniversalEventType.ITEM_DELTA))
                    .map(e -> (ItemDeltaData) e.data()).filter(d -> d.itemId().equals(message.itemId()))
                    .map(ItemDeltaData::delta).collect(Collectors.joining());
            assertThat(deltas).as("the deltas of " + message.itemId()).isEqualTo(message.text());
        }
        for (UniversalEventType once : List.of(UniversalEventType.PERMISSION_REQUESTED,
                UniversalEventType.PERMISSION_RESOLVED, UniversalEventType.TURN_STARTED, UniversalEventType.TURN_ENDED)) {
            assertThat(events).as(once.wire()).filteredOn(ofType(once)).hasSize(1);
        }
    }

    private static Map<String, Long> count(List<UniversalEvent> events, UniversalEventType type,
                                           Function<UniversalEvent, String> key) {
        return events.stream().filter(ofType(type)).collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** The agent's completed items without ids (tool call ids differ from run to run). */
    private static List<String> signatures(List<UniversalEvent> events) {
        return completed(events).stream().filter(i -> i.role() != ItemRole.USER)
                .map(i -> i.kind() + " " + i.role() + " " + i.status() + " " + i.content().stream()
                        .map(OpencodeStreamCutTest::withoutIds).toList())
                .toList();
    }

    private static String withoutIds(ContentPart part) {
        return switch (part) {
            case ContentPart.ToolCall c -> "call " + c.name() + " " + c.arguments();
            case ContentPart.ToolResult r -> "result " + r.output();
            default -> part.toString();
        };
    }
}
