package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;

/**
 * Turns the events of one OpenCode session (from {@code GET /event}) into sink calls. Events of
 * other sessions are dropped. Items are keyed by OpenCode's part ids: a text or reasoning part
 * is one item that grows by {@code message.part.delta}; a tool part is a tool_call item (done
 * once its input is known) and a tool_result item (done when the tool completes or fails).
 * Not thread-safe: feed it from one thread (or under one lock).
 */
final class OpencodeTranslator {

    /** Event types that carry nothing for the universal stream (or are read by TurnEndDetector). */
    private static final Set<String> IGNORED = Set.of(
            "server.connected", "server.heartbeat", "session.created", "session.updated", "session.deleted",
            "session.diff", "session.idle", "message.removed", "message.part.removed", "permission.replied",
            "question.replied", "question.rejected", "file.edited", "file.watcher.updated", "plugin.added",
            "catalog.updated", "reference.updated", "integration.updated", "integration.connection.updated",
            "models-dev.refreshed", "installation.updated", "installation.update-available", "project.updated",
            "project.directories.updated", "lsp.updated", "lsp.client.diagnostics", "vcs.branch.updated",
            "todo.updated", "command.executed", "mcp.tools.changed", "mcp.browser.open.failed", "global.disposed",
            "server.instance.disposed", "workspace.ready", "workspace.failed", "workspace.status", "worktree.ready",
            "worktree.failed", "pty.created", "pty.updated", "pty.exited", "pty.deleted", "tui.prompt.append",
            "tui.command.execute", "tui.toast.show", "tui.session.select");

    private final String sessionId;
    private final AgentEventSink sink;
    private final Map<String, String> roles = new HashMap<>();
    private final Map<String, PartState> parts = new HashMap<>();
    /** Permission and question ids already reported: a catch-up lists the pending ones again. */
    private final Set<String> requests = new HashSet<>();
    /** The event stream was lost and the catch-up from OpenCode's API has not been applied yet. */
    private boolean cut;

    OpencodeTranslator(String sessionId, AgentEventSink sink) {
        this.sessionId = sessionId;
        this.sink = sink;
    }

    /** The session an event belongs to, or null for events of the whole server or project. */
    static String sessionOf(JsonObject event) {
        JsonObject p = Jsons.object(event, "properties");
        String id = Jsons.string(p, "sessionID");
        if (id == null) {
            id = Jsons.string(Jsons.object(p, "info"), "sessionID");
        }
        if (id == null) {
            id = Jsons.string(Jsons.object(p, "part"), "sessionID");
        }
        return id;
    }

    /**
     * The event stream was lost: until {@link #caughtUp()}, no text deltas are reported, since
     * the gap's deltas are gone and the new stream's may repeat text the catch-up reads.
     */
    void streamCut() {
        cut = true;
    }

    /**
     * The catch-up (see {@link EventStreamReconciler}) has been applied: text parts still open
     * stay without deltas and stream the rest of their text when they complete.
     */
    void caughtUp() {
        cut = false;
        for (PartState state : parts.values()) {
            if (!state.completed) {
                state.gapped = true;
            }
        }
    }

    void accept(JsonObject event) {
        String owner = sessionOf(event);
        if (owner != null && !owner.equals(sessionId)) {
            return;
        }
        String type = Jsons.string(event, "type");
        JsonObject p = Jsons.object(event, "properties");
        if (type == null) {
            sink.unparsed("opencode event without a type", "sse", Jsons.print(event));
            return;
        }
        switch (type) {
            case "message.updated" -> {
                JsonObject info = Jsons.object(p, "info");
                if (Jsons.string(info, "id") != null) {
                    roles.put(Jsons.string(info, "id"), Jsons.string(info, "role"));
                }
            }
            case "message.part.updated" -> part(Jsons.object(p, "part"), event);
            case "message.part.delta" -> delta(p, event);
            case "session.status" -> sessionStatus(Jsons.object(p, "status"), event);
            case "session.error" -> sessionError(Jsons.object(p, "error"), event);
            case "permission.asked" -> permission(p, event);
            case "question.asked" -> question(p, event);
            case "session.compacted" -> status(Jsons.string(event, "id"), "compacted", null, event);
            case "sandbox.unparsable" -> sink.unparsed("opencode sent an event that is not JSON", "sse",
                    Jsons.string(event, "text"));
            default -> {
                // session.next.* and *.v2.* repeat what the classic events above already say
                if (!IGNORED.contains(type) && !type.startsWith("session.next.") && !type.contains(".v2.")) {
                    sink.unparsed("unknown opencode event type '" + type + "'", "sse", Jsons.print(event));
                }
            }
        }
    }

    private void part(JsonObject part, JsonObject raw) {
        String id = Jsons.string(part, "id");
        String type = Jsons.string(part, "type");
        if (id == null || type == null) {
            sink.unparsed("opencode part without id or type", "sse", Jsons.print(raw));
            return;
        }
        if ("user".equals(roles.get(Jsons.string(part, "messageID")))) {
            return; // the user's own message: the engine reported it already
        }
        switch (type) {
            case "text", "reasoning" -> textPart(id, type, part, raw);
            case "tool" -> ToolParts.translate(sink, parts(id), id, part, raw);
            case "step-start" -> status(id, "step started", null, raw);
            case "step-finish" -> status(id, "step finished", stepDetail(part), raw);
            case "retry" -> status(id, "retry", "attempt " + Jsons.number(part, "attempt") + ": "
                    + errorMessage(Jsons.object(part, "error")), raw);
            case "patch" -> patch(id, part, raw);
            case "snapshot", "agent", "subtask", "compaction", "file" ->
                    completedOnce(id, ItemKind.STATUS, ItemRole.SYSTEM,
                            List.of(new ContentPart.Status(type, null), new ContentPart.Json(part)), raw);
            default -> sink.unparsed("unknown opencode part type '" + type + "'", "sse", Jsons.print(raw));
        }
    }

    private void textPart(String id, String type, JsonObject part, JsonObject raw) {
        PartState state = parts(id);
        if (state.completed) {
            return;
        }
        if (!state.started) {
            state.started = true;
            sink.itemStarted(AgentItem.messageStarted(id, ItemRole.ASSISTANT), raw);
        }
        if (Jsons.has(Jsons.object(part, "time"), "end")) {
            state.completed = true;
            String text = Jsons.string(part, "text") == null ? "" : Jsons.string(part, "text");
            String streamed = state.streamed == null ? "" : state.streamed.toString();
            state.streamed = null;
            if ((state.gapped || cut) && !streamed.isEmpty() && text.startsWith(streamed)
                    && text.length() > streamed.length()) {
                sink.itemDelta(id, text.substring(streamed.length()), raw); // the text the lost deltas carried
            }
            ContentPart content = "reasoning".equals(type)
                    ? new ContentPart.Reasoning(text, ReasoningVisibility.PUBLIC) : new ContentPart.Text(text);
            sink.itemCompleted(AgentItem.of(id, ItemKind.MESSAGE, ItemRole.ASSISTANT, List.of(content),
                    ItemStatus.COMPLETED), raw);
        }
    }

    private void delta(JsonObject p, JsonObject raw) {
        String partId = Jsons.string(p, "partID");
        String delta = Jsons.string(p, "delta");
        if (partId == null || delta == null || "user".equals(roles.get(Jsons.string(p, "messageID")))) {
            return;
        }
        PartState state = parts(partId);
        if (state.completed || state.gapped || cut) {
            return;
        }
        if (!"text".equals(Jsons.string(p, "field"))) {
            return; // only text is streamed into items
        }
        if (state.streamed == null) {
            state.streamed = new StringBuilder();
        }
        state.streamed.append(delta);
        sink.itemDelta(partId, delta, raw);
    }

    private void sessionStatus(JsonObject status, JsonObject raw) {
        if ("retry".equals(Jsons.string(status, "type"))) {
            status(Jsons.string(raw, "id"), "retry", "attempt " + Jsons.number(status, "attempt") + ": "
                    + Jsons.string(status, "message"), raw);
        }
        // busy and idle tell the turn's end (TurnEndDetector), they are not items
    }

    private void sessionError(JsonObject error, JsonObject raw) {
        String name = Jsons.string(error, "name");
        JsonObject data = Jsons.object(error, "data");
        String message = errorMessage(error);
        sink.error(message, name == null ? "opencode_error" : name, data, raw);
    }

    private void permission(JsonObject p, JsonObject raw) {
        String id = Jsons.string(p, "id");
        if (id == null) {
            sink.unparsed("permission.asked without an id", "sse", Jsons.print(raw));
            return;
        }
        JsonObjectBuilder metadata = Jsons.JSON.createObjectBuilder();
        for (String key : List.of("patterns", "always", "metadata", "tool")) {
            if (p.containsKey(key)) {
                metadata.add(key, p.get(key));
            }
        }
        if (!requests.add(id)) {
            return; // listed again by a catch-up
        }
        String action = Jsons.string(p, "permission");
        sink.permissionRequested(id, action == null ? "unknown" : action, metadata.build(), raw);
    }

    private void question(JsonObject p, JsonObject raw) {
        String id = Jsons.string(p, "id");
        List<JsonObject> questions = Jsons.array(p, "questions").stream()
                .filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v).toList();
        if (id == null || questions.isEmpty()) {
            sink.unparsed("question.asked without an id or questions", "sse", Jsons.print(raw));
            return;
        }
        if (!requests.add(id)) {
            return; // listed again by a catch-up
        }
        // One universal question; several sub-questions keep their own options and are answered
        // one list each, which is OpenCode's own answer shape.
        List<QuestionEventData.SubQuestion> subQuestions = new ArrayList<>();
        for (JsonObject q : questions) {
            List<String> options = Jsons.array(q, "options").stream().filter(v -> v instanceof JsonObject)
                    .map(v -> Jsons.string((JsonObject) v, "label")).filter(l -> l != null).toList();
            subQuestions.add(new QuestionEventData.SubQuestion(String.valueOf(Objects.requireNonNullElse(
                    Jsons.string(q, "question"), "")), Jsons.string(q, "header"), options, Jsons.bool(q, "multiple")));
        }
        sink.questionsRequested(id, subQuestions, raw);
    }

    private void patch(String id, JsonObject part, JsonObject raw) {
        List<ContentPart> content = new ArrayList<>();
        for (JsonValue f : Jsons.array(part, "files")) {
            content.add(new ContentPart.FileRef(Jsons.text(f), dev.sandboxagent.core.schema.FileAction.PATCH, null));
        }
        completedOnce(id, ItemKind.STATUS, ItemRole.SYSTEM, content.isEmpty()
                ? List.of(new ContentPart.Status("patch", Jsons.string(part, "hash"))) : content, raw);
    }

    private void status(String nativeId, String label, String detail, JsonObject raw) {
        completedOnce(nativeId, ItemKind.STATUS, ItemRole.SYSTEM, List.of(new ContentPart.Status(label, detail)), raw);
    }

    private void completedOnce(String nativeId, ItemKind kind, ItemRole role, List<ContentPart> content,
                               JsonObject raw) {
        if (nativeId != null) {
            PartState state = parts(nativeId);
            if (state.completed) {
                return;
            }
            state.completed = true;
        }
        sink.itemCompleted(AgentItem.of(nativeId, kind, role, content, ItemStatus.COMPLETED), raw);
    }

    private PartState parts(String id) {
        return parts.computeIfAbsent(id, k -> new PartState());
    }

    private static String stepDetail(JsonObject part) {
        JsonObject tokens = Jsons.object(part, "tokens");
        return "reason " + Jsons.string(part, "reason") + ", tokens in " + Jsons.number(tokens, "input") + " out "
                + Jsons.number(tokens, "output");
    }

    static String errorMessage(JsonObject error) {
        String message = Jsons.string(Jsons.object(error, "data"), "message");
        if (message == null) {
            message = Jsons.string(error, "message");
        }
        if (message == null) {
            message = Jsons.string(error, "name");
        }
        return message == null ? "unknown error" : message;
    }
}
