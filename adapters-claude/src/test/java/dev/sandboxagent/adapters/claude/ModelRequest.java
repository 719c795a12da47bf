package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.ContentBlocks;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Messages API request as the fake model reads it: the user's prompt (the last user text that
 * is not a claude system reminder), the tool results that came after it this turn, and the
 * working directory claude put in its system prompt.
 */
record ModelRequest(JsonObject body) {

    private static final Pattern CWD = Pattern.compile("Primary working directory: (\\S+)");

    String model() {
        String m = Jsons.string(body, "model");
        return m == null ? "claude-fake" : m;
    }

    /** claude's extra request for a session title: no tools, a JSON output format. */
    boolean isTitleRequest() {
        return Jsons.array(body, "tools").isEmpty();
    }

    /** Index of the message holding the prompt, or -1. */
    private int promptIndex() {
        var messages = Jsons.array(body, "messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof JsonObject m && "user".equals(Jsons.string(m, "role")) && !texts(m).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** The user's text of this turn. */
    String prompt() {
        int i = promptIndex();
        if (i < 0) {
            return "";
        }
        List<String> t = texts((JsonObject) Jsons.array(body, "messages").get(i));
        return t.getLast().strip();
    }

    /** Every user text of the conversation, oldest first (to check that history was sent). */
    List<String> allPrompts() {
        List<String> out = new ArrayList<>();
        for (JsonValue v : Jsons.array(body, "messages")) {
            if (v instanceof JsonObject m && "user".equals(Jsons.string(m, "role"))) {
                out.addAll(texts(m));
            }
        }
        return out;
    }

    /** The tool results after the prompt: how far this turn has got. */
    List<String> toolResults() {
        var messages = Jsons.array(body, "messages");
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, promptIndex() + 1); i < messages.size(); i++) {
            if (messages.get(i) instanceof JsonObject m && m.get("content") instanceof jakarta.json.JsonArray blocks) {
                for (JsonValue b : blocks) {
                    if (b instanceof JsonObject block && "tool_result".equals(Jsons.string(block, "type"))) {
                        out.add((Jsons.bool(block, "is_error") ? "ERROR: " : "")
                                + ContentBlocks.resultText(block.get("content"), "\n"));
                    }
                }
            }
        }
        return out;
    }

    /** claude's session id, from the request metadata (user_id is a JSON string holding it). */
    String sessionId() {
        JsonObject userId = Jsons.parseObject(String.valueOf(Jsons.string(Jsons.objectOrNull(body, "metadata"), "user_id")));
        String id = Jsons.string(userId, "session_id");
        return id == null ? "unknown" : id;
    }

    /** The working directory from claude's system prompt, or null. */
    String workingDirectory() {
        Matcher m = CWD.matcher(String.valueOf(body.get("system")));
        return m.find() ? m.group(1).replace("\\n", "").replace("\"", "") : null;
    }

    /** Non-reminder text blocks (or string content) of a user message. */
    private static List<String> texts(JsonObject message) {
        List<String> out = new ArrayList<>();
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            out.add(s.getString());
        } else if (content instanceof jakarta.json.JsonArray blocks) {
            for (JsonValue b : blocks) {
                if (b instanceof JsonObject block && "text".equals(Jsons.string(block, "type"))) {
                    String text = Jsons.string(block, "text");
                    if (text != null && !text.startsWith("<system-reminder>") && !text.isBlank()) {
                        out.add(text);
                    }
                }
            }
        }
        return out;
    }
}
