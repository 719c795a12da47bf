package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.spi.AgentItem;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * One ACP tool call as it builds up: {@code tool_call} opens it, each {@code tool_call_update}
 * overwrites the fields it carries (the protocol's rule), and a final status
 * ({@code completed}, {@code failed}) closes it. Renders the call and its result as items.
 */
final class AcpToolCalls {

    private AcpToolCalls() {
    }

    /** The state of one call: the fields of the last tool_call / tool_call_update that set them. */
    static final class Call {
        final String id;
        private JsonObject fields = JsonValue.EMPTY_JSON_OBJECT;

        Call(String id) {
            this.id = id;
        }

        /** Merges an update's fields over what is known (absent fields keep their value). */
        void merge(JsonObject update) {
            var b = JSON.createObjectBuilder(fields);
            update.forEach(b::add);
            fields = b.build();
        }

        String status() {
            return Jsons.string(fields, "status");
        }

        boolean finished() {
            return "completed".equals(status()) || "failed".equals(status());
        }

        /** The tool's name: the agent's own when it tells it ({@code _meta.toolName}), else the ACP kind. */
        String name() {
            JsonObject meta = Jsons.objectOrNull(fields, "_meta");
            String own = meta == null ? null : Jsons.string(meta, "toolName");
            if (own != null) {
                return own;
            }
            String kind = Jsons.string(fields, "kind");
            return kind != null ? kind : "tool";
        }

        /** The arguments: the raw input when there is one, else the title and locations the agent shows. */
        String arguments() {
            if (fields.get("rawInput") instanceof JsonObject raw && !raw.isEmpty()) {
                return Jsons.print(raw);
            }
            var b = JSON.createObjectBuilder();
            if (fields.get("title") instanceof jakarta.json.JsonString t) {
                b.add("title", t);
            }
            if (fields.get("locations") instanceof JsonArray l && !l.isEmpty()) {
                b.add("locations", l);
            }
            return Jsons.print(b.build());
        }

        AgentItem callItem(ItemStatus status) {
            return AgentItem.toolCall(id, name(), arguments()).withStatus(status);
        }

        /** The result: the text of its content blocks (else its raw output), and a file part per diff. */
        AgentItem resultItem(boolean failed) {
            StringBuilder out = new StringBuilder();
            List<ContentPart> files = new ArrayList<>();
            if (fields.get("content") instanceof JsonArray content) {
                for (JsonValue v : content) {
                    if (v instanceof JsonObject block) {
                        render(block, out, files);
                    }
                }
            }
            if (out.isEmpty() && fields.get("rawOutput") instanceof JsonValue raw && raw != JsonValue.NULL) {
                out.append(raw instanceof jakarta.json.JsonString s ? s.getString() : Jsons.print(raw));
            }
            AgentItem result = AgentItem.toolResult(id, out.toString(), failed);
            if (files.isEmpty()) {
                return result;
            }
            List<ContentPart> parts = new ArrayList<>(result.content());
            parts.addAll(files);
            return result.withContent(parts);
        }
    }

    private static void render(JsonObject block, StringBuilder out, List<ContentPart> files) {
        switch (String.valueOf(Jsons.string(block, "type"))) {
            case "content" -> {
                JsonObject inner = Jsons.objectOrNull(block, "content");
                String text = inner == null ? null : Jsons.string(inner, "text");
                append(out, text != null ? text : inner == null ? "" : Jsons.print(inner));
            }
            case "diff" -> {
                String path = Jsons.string(block, "path");
                String old = Jsons.string(block, "oldText");
                String now = Jsons.string(block, "newText");
                if (path != null) {
                    files.add(new ContentPart.FileRef(path, old == null || old.isEmpty() ? FileAction.WRITE
                            : FileAction.PATCH, unifiedDiff(path, old, now)));
                }
                append(out, "edited " + path);
            }
            case "terminal" -> append(out, "terminal " + Jsons.string(block, "terminalId"));
            default -> append(out, Jsons.print(block));
        }
    }

    private static void append(StringBuilder out, String text) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(text);
    }

    /** A whole-file diff: every old line removed, every new line added (ACP sends both texts, not hunks). */
    static String unifiedDiff(String path, String oldText, String newText) {
        StringBuilder d = new StringBuilder("--- ").append(oldText == null || oldText.isEmpty() ? "/dev/null" : path)
                .append("\n+++ ").append(path).append('\n');
        List<String> before = lines(oldText);
        List<String> after = lines(newText);
        d.append("@@ -").append(before.isEmpty() ? 0 : 1).append(',').append(before.size())
                .append(" +").append(after.isEmpty() ? 0 : 1).append(',').append(after.size()).append(" @@\n");
        before.forEach(l -> d.append('-').append(l).append('\n'));
        after.forEach(l -> d.append('+').append(l).append('\n'));
        return d.toString();
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).stream()
                .limit(text.endsWith("\n") ? text.split("\n", -1).length - 1 : Long.MAX_VALUE).toList();
    }
}
