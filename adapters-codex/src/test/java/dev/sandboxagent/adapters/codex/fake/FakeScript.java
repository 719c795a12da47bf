package dev.sandboxagent.adapters.codex.fake;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake model's script. A prompt carries a marker {@code [codex-test:NAME]}; the answer is
 * step N of script NAME, where N is the number of tool outputs after that prompt in the request.
 * Commands run without a login shell ({@code login: false}), so that the machine's shell profile
 * (e.g. a pyenv rehash waiting on a stale lock) cannot slow them down.
 */
public final class FakeScript {

    private static final Pattern MARKER = Pattern.compile("\\[codex-test:([a-z0-9-]+)]");

    /** One model response: text (with optional reasoning), a tool call, a hang, or an HTTP error. */
    public record Step(String reasoning, String text, String function, String arguments, String customTool,
                       String customInput, boolean hang, int httpStatus, String errorBody) {

        static Step text(String reasoning, String text) {
            return new Step(reasoning, text, null, null, null, null, false, 200, null);
        }

        static Step call(String function, String arguments) {
            return new Step(null, null, function, arguments, null, null, false, 200, null);
        }

        static Step custom(String tool, String input) {
            return new Step(null, null, null, null, tool, input, false, 200, null);
        }

        static Step hang(String text) {
            return new Step(null, text, null, null, null, null, true, 200, null);
        }

        static Step error(int status, String body) {
            return new Step(null, null, null, null, null, null, false, status, body);
        }
    }

    /** Prompts for the scenarios (any text may follow the marker). */
    public static String prompt(String name) {
        return "[codex-test:" + name + "] please do it";
    }

    private FakeScript() {
    }

    static Step decide(JsonObject body) {
        List<JsonObject> input = body.getJsonArray("input").stream()
                .filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v).toList();
        int last = -1;
        String name = "text";
        for (int i = 0; i < input.size(); i++) {
            Matcher m = MARKER.matcher(text(input.get(i)));
            if ("user".equals(input.get(i).getString("role", "")) && m.find()) {
                last = i;
                name = m.group(1);
            }
        }
        List<JsonObject> after = input.subList(last + 1, input.size());
        List<JsonObject> outputs = after.stream().filter(i -> i.getString("type", "").endsWith("call_output")).toList();
        int step = outputs.size();
        String lastOutput = outputs.isEmpty() ? "" : outputString(outputs.getLast());
        return switch (name) {
            case "text" -> Step.text("The user wants a greeting.", "Hello from the fake codex model!");
            case "tool" -> step == 0 ? Step.call("exec_command", "{\"cmd\":\"ls\",\"login\":false}")
                    : Step.text(null, "I listed the files.");
            case "permission" -> step == 0
                    ? Step.call("exec_command", "{\"cmd\":\"echo approved > approved.txt && cat approved.txt\",\"login\":false,"
                    + "\"sandbox_permissions\":\"require_escalated\",\"justification\":\"Write approved.txt?\"}")
                    : Step.text(null, "The command step finished.");
            case "write" -> step == 0 ? Step.call("exec_command", "{\"cmd\":\"echo written > written.txt\",\"login\":false}")
                    : Step.text(null, "The write step finished: " + lastOutput);
            case "question" -> step == 0 ? Step.call("request_user_input", """
                    {"questions":[{"id":"colour","header":"Colour","question":"Which colour should I use?",
                    "options":[{"label":"red","description":"warm"},{"label":"blue","description":"cool"}]}]}""")
                    : Step.text(null, answerText(lastOutput));
            case "patch" -> step == 0 ? Step.custom("apply_patch",
                    "*** Begin Patch\n*** Add File: created.txt\n+made by the patch\n*** End Patch\n")
                    : Step.text(null, "The patch step finished.");
            case "slow" -> step == 0 ? Step.call("exec_command", "{\"cmd\":\"echo start; sleep 37; echo end\",\"login\":false}")
                    : Step.text(null, "The slow command finished.");
            case "hang" -> Step.hang("Working on it");
            case "error500" -> Step.error(500, "{\"error\":{\"message\":\"The fake model is down\",\"type\":\"server_error\"}}");
            case "error401" -> Step.error(401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            case "history" -> Step.text(null, "I have seen " + countUserPrompts(input) + " prompts.");
            default -> Step.text(null, "Unknown script " + name);
        };
    }

    private static String answerText(String output) {
        try (JsonReader r = Json.createReader(new StringReader(output))) {
            JsonObject answers = r.readObject().getJsonObject("answers");
            if (answers == null || answers.isEmpty()) {
                return "You did not answer, so I pick blue.";
            }
            return "You chose " + answers.getJsonObject("colour").getJsonArray("answers").getString(0) + ".";
        } catch (RuntimeException e) {
            return "I could not read the answer: " + output;
        }
    }

    private static long countUserPrompts(List<JsonObject> input) {
        return input.stream().filter(i -> "user".equals(i.getString("role", "")) && MARKER.matcher(text(i)).find()).count();
    }

    private static String outputString(JsonObject item) {
        JsonValue out = item.get("output");
        return out instanceof JsonString s ? s.getString() : String.valueOf(out);
    }

    /** The text of a message item (all its text parts). */
    static String text(JsonObject item) {
        StringBuilder sb = new StringBuilder();
        JsonValue content = item.get("content");
        if (content instanceof jakarta.json.JsonArray parts) {
            for (JsonValue p : parts) {
                if (p instanceof JsonObject o && o.get("text") instanceof JsonString s) {
                    sb.append(s.getString());
                }
            }
        }
        return sb.toString();
    }
}
