package dev.sandboxagent.adapters.pi.fake;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fake model answers, decided from the request: the marker in the last user message
 * (plain text: a streamed greeting) and whether a tool result follows it.
 */
public final class ChatScript {

    public static final String TOOL = "[tool] list the files";
    public static final String HANG = "[hang] start and never finish";
    public static final String THINK = "[think] then answer";
    public static final String HISTORY = "[history] how many prompts?";
    public static final String FLAKY = "[flaky] fail once, then answer";
    public static final String ERR401 = "[err401]";
    public static final String ERR429 = "[err429]";
    public static final String ERR500 = "[err500]";

    /** The text a hanging answer streams before it stops. */
    public static final String HANG_TEXT = "working on it";
    /** What the model says after the tool's result; the output follows. */
    public static final String AFTER_TOOL = "The files: ";

    /** One answer: an HTTP error, or what to stream. */
    public sealed interface Answer {
    }

    public record Fail(int status, String message) implements Answer {
    }

    /** Streamed chunks: reasoning (may be null), text pieces, a bash tool call (null: none), and whether to hang. */
    public record Stream(String reasoning, java.util.List<String> text, String bashCommand, boolean hang) implements Answer {
    }

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    Answer decide(JsonObject request) {
        JsonArray messages = request.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        String prompt = lastUserText(messages);
        if ("tool".equals(last.getString("role", ""))) {
            return text(AFTER_TOOL + content(last.get("content")).strip());
        }
        if (prompt.contains(ERR401)) {
            return new Fail(401, "invalid api key");
        }
        if (prompt.contains(ERR429)) {
            return new Fail(429, "rate limited");
        }
        if (prompt.contains(ERR500)) {
            return new Fail(500, "boom");
        }
        if (prompt.contains(FLAKY) && failedOnce.add(prompt)) {
            return new Fail(429, "rate limited, try again");
        }
        if (prompt.contains(TOOL)) {
            return new Stream(null, java.util.List.of(), "ls", false);
        }
        if (prompt.contains(HANG)) {
            return new Stream(null, java.util.List.of(HANG_TEXT), null, true);
        }
        if (prompt.contains(THINK)) {
            return new Stream("Let me think.", java.util.List.of("Thought."), null, false);
        }
        if (prompt.contains(HISTORY)) {
            long prompts = messages.stream().map(JsonValue::asJsonObject)
                    .filter(m -> "user".equals(m.getString("role", ""))).count();
            return text("I have seen " + prompts + " prompts.");
        }
        return new Stream(null, java.util.List.of("Hello", " there"), null, false);
    }

    private static Stream text(String text) {
        return new Stream(null, java.util.List.of(text), null, false);
    }

    private static String lastUserText(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject m = messages.getJsonObject(i);
            if ("user".equals(m.getString("role", ""))) {
                return content(m.get("content"));
            }
        }
        return "";
    }

    /** A message's content: a string, or the texts of its parts. */
    private static String content(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder sb = new StringBuilder();
        if (content instanceof JsonArray parts) {
            for (JsonValue p : parts) {
                sb.append(p.asJsonObject().getString("text", ""));
            }
        }
        return sb.toString();
    }
}
