package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static dev.sandboxagent.core.json.Jsons.array;
import static dev.sandboxagent.core.json.Jsons.number;
import static dev.sandboxagent.core.json.Jsons.object;
import static dev.sandboxagent.core.json.Jsons.string;
import static dev.sandboxagent.core.json.Jsons.strings;
import static dev.sandboxagent.core.json.Jsons.value;

/**
 * Codex thread items ({@code ThreadItem} of the app-server schema) as universal items. A tool
 * item of codex (command, file change, MCP call…) becomes a {@code tool_call} item under its own
 * id and a {@code tool_result} item under {@link AgentItem#resultId} whose parent is the call.
 */
final class CodexItems {

    private CodexItems() {
    }

    static boolean isTool(String type) {
        return switch (type) {
            case "commandExecution", "fileChange", "mcpToolCall", "dynamicToolCall", "webSearch", "imageView",
                 "collabAgentToolCall", "imageGeneration" -> true;
            default -> false;
        };
    }

    static AgentItem message(JsonObject item, ItemStatus status) {
        String text = string(item, "text");
        List<ContentPart> content = text == null || text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text));
        return AgentItem.of(string(item, "id"), ItemKind.MESSAGE, ItemRole.ASSISTANT, content, status);
    }

    /** Codex's reasoning: the summary is what is shown, the raw content is kept as private reasoning. */
    static AgentItem reasoning(JsonObject item, ItemStatus status) {
        List<ContentPart> content = new ArrayList<>();
        String summary = String.join("\n\n", strings(item, "summary"));
        String raw = String.join("\n\n", strings(item, "content"));
        if (!summary.isEmpty()) {
            content.add(new ContentPart.Reasoning(summary, ReasoningVisibility.PUBLIC));
        }
        if (!raw.isEmpty() && !raw.equals(summary)) {
            content.add(new ContentPart.Reasoning(raw, summary.isEmpty() ? ReasoningVisibility.PUBLIC
                    : ReasoningVisibility.PRIVATE));
        }
        return AgentItem.of(string(item, "id"), ItemKind.MESSAGE, ItemRole.ASSISTANT, content, status);
    }

    /** A plan, review marker, compaction…: shown as a status line. */
    static AgentItem status(JsonObject item, String label, String detail) {
        return AgentItem.status(string(item, "id"), label, detail);
    }

    static AgentItem unknown(JsonObject item) {
        return AgentItem.unknown(string(item, "id"), null, item);
    }

    static AgentItem toolCall(JsonObject item) {
        String id = string(item, "id");
        String type = string(item, "type");
        List<ContentPart> content = new ArrayList<>();
        content.add(new ContentPart.ToolCall(toolName(item, type), arguments(item, type).toString(), id));
        if ("fileChange".equals(type)) {
            content.addAll(fileRefs(item));
        } else if ("imageView".equals(type) && string(item, "path") != null) {
            content.add(new ContentPart.FileRef(string(item, "path"), FileAction.READ, null));
        }
        return AgentItem.of(id, ItemKind.TOOL_CALL, ItemRole.ASSISTANT, content, ItemStatus.COMPLETED);
    }

    /** The outcome of a finished tool item; {@code output} is what was streamed, if the item lacks it. */
    static AgentItem toolResult(JsonObject item, String streamedOutput) {
        String id = string(item, "id");
        String type = string(item, "type");
        String codexStatus = string(item, "status");
        AgentItem result = AgentItem.toolResult(id, output(item, type, streamedOutput), failed(item, codexStatus));
        List<ContentPart> content = new ArrayList<>(result.content());
        if ("fileChange".equals(type)) {
            content.addAll(fileRefs(item));
        }
        JsonObjectBuilder details = JSON.createObjectBuilder();
        copy(item, details, "status", "exitCode", "durationMs", "error", "success");
        JsonObject d = details.build();
        if (!d.isEmpty()) {
            content.add(new ContentPart.Json(d));
        }
        return result.withContent(content);
    }

    /** An empty, running result, so that streamed output has an item to grow. */
    static AgentItem pendingResult(String itemId) {
        return AgentItem.toolResultStarted(itemId);
    }

    private static boolean failed(JsonObject item, String status) {
        if ("failed".equals(status) || "declined".equals(status)) {
            return true;
        }
        Long exit = number(item, "exitCode");
        return exit != null && exit != 0;
    }

    private static String toolName(JsonObject item, String type) {
        return switch (type) {
            case "commandExecution" -> "command_execution";
            case "fileChange" -> "apply_patch";
            case "mcpToolCall" -> string(item, "server") + "." + string(item, "tool");
            case "dynamicToolCall", "collabAgentToolCall" -> String.valueOf(string(item, "tool"));
            case "webSearch" -> "web_search";
            case "imageView" -> "view_image";
            case "imageGeneration" -> "image_generation";
            default -> type;
        };
    }

    private static JsonValue arguments(JsonObject item, String type) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        switch (type) {
            case "commandExecution" -> copy(item, b, "command", "cwd", "commandActions");
            case "fileChange" -> {
                var changes = JSON.createArrayBuilder();
                for (JsonValue c : array(item, "changes")) {
                    JsonObject change = object(c);
                    changes.add(JSON.createObjectBuilder().add("path", Jsons.value(string(change, "path")))
                            .add("kind", Jsons.value(string(object(change, "kind"), "type"))));
                }
                b.add("changes", changes);
            }
            case "mcpToolCall", "dynamicToolCall" -> {
                JsonValue args = value(item, "arguments");
                return args == null ? JsonValue.EMPTY_JSON_OBJECT : args;
            }
            case "webSearch" -> copy(item, b, "query");
            case "imageView" -> copy(item, b, "path");
            default -> copy(item, b, "prompt", "revisedPrompt");
        }
        return b.build();
    }

    private static String output(JsonObject item, String type, String streamed) {
        return switch (type) {
            case "commandExecution" -> {
                String out = string(item, "aggregatedOutput");
                yield out != null ? out : streamed != null ? streamed : "";
            }
            case "fileChange" -> switch (String.valueOf(string(item, "status"))) {
                case "completed" -> "applied";
                case "declined" -> "declined";
                default -> String.valueOf(string(item, "status"));
            };
            case "mcpToolCall" -> {
                JsonValue r = value(item, "result");
                JsonValue e = value(item, "error");
                yield r != null ? r.toString() : e != null ? e.toString() : "";
            }
            case "dynamicToolCall" -> {
                JsonValue c = value(item, "contentItems");
                yield c == null ? "" : c.toString();
            }
            case "webSearch" -> {
                JsonValue r = value(item, "results");
                yield r == null ? "" : r.toString();
            }
            default -> streamed == null ? "" : streamed;
        };
    }

    static List<ContentPart> fileRefs(JsonObject item) {
        List<ContentPart> refs = new ArrayList<>();
        for (JsonValue c : array(item, "changes")) {
            JsonObject change = object(c);
            String path = string(change, "path");
            if (path == null) {
                continue;
            }
            FileAction action = "add".equals(string(object(change, "kind"), "type")) ? FileAction.WRITE : FileAction.PATCH;
            refs.add(new ContentPart.FileRef(path, action, string(change, "diff")));
        }
        return refs;
    }

    private static void copy(JsonObject from, JsonObjectBuilder to, String... keys) {
        for (String k : keys) {
            JsonValue v = value(from, k);
            if (v != null) {
                to.add(k, v);
            }
        }
    }
}
