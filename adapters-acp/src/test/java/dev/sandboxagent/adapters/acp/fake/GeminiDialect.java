package dev.sandboxagent.adapters.acp.fake;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * The Gemini API as Gemini CLI calls it: {@code POST /v1beta/models/M:streamGenerateContent?alt=sse}
 * for turns (SSE of GenerateContentResponse chunks) and {@code :generateContent} for its side
 * calls (answered with a short JSON text). Errors use Google's error body.
 */
public final class GeminiDialect implements FakeModelServer.Dialect {

    @Override
    public FakeModelServer.Reply answer(String path, JsonObject body) {
        JsonArray contents = Jsons.array(body, "contents");
        Scenario scenario = Scenario.in(lastUserText(contents));
        if (scenario.httpStatus() != 200) {
            return new FakeModelServer.Reply.Plain(scenario.httpStatus(), Jsons.print(JSON.createObjectBuilder()
                    .add("error", JSON.createObjectBuilder().add("code", scenario.httpStatus())
                            .add("message", "fake " + scenario.httpStatus() + " for the test")
                            .add("status", scenario.httpStatus() == 401 ? "UNAUTHENTICATED"
                                    : scenario.httpStatus() == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL")).build()));
        }
        if (!path.contains(":streamGenerateContent")) {
            return new FakeModelServer.Reply.Plain(200, Jsons.print(chunk(List.of(text("{}")), true)));
        }
        boolean afterTool = lastIsToolResult(contents);
        List<String> data = new ArrayList<>();
        switch (afterTool ? Scenario.TEXT : scenario) {
            case TOOL -> data.add(Jsons.print(chunk(List.of(call("list_directory",
                    JSON.createObjectBuilder().add("dir_path", ".").build())), true)));
            case PERMISSION -> data.add(Jsons.print(chunk(List.of(call("write_file", JSON.createObjectBuilder()
                    .add("file_path", Scenario.WRITTEN_FILE).add("content", "written\n").build())), true)));
            case HANG -> {
                data.add(Jsons.print(chunk(List.of(text("Working on it")), false)));
                return new FakeModelServer.Reply.Stream(data, true, false);
            }
            case THINK -> {
                data.add(Jsons.print(chunk(List.of(JSON.createObjectBuilder().add("text", "**Thinking** about it")
                        .add("thought", true).build()), false)));
                data.add(Jsons.print(chunk(List.of(text(Scenario.ANSWER)), true)));
            }
            case HISTORY -> data.add(Jsons.print(chunk(List.of(text(Scenario.historyAnswer(contents.stream()
                    .filter(c -> Jsons.print(c).contains(Scenario.HISTORY.marker())).count()))), true)));
            default -> {
                data.add(Jsons.print(chunk(List.of(text("Hello from ")), false)));
                data.add(Jsons.print(chunk(List.of(text("the fake model.")), true)));
            }
        }
        return new FakeModelServer.Reply.Stream(data, false, false);
    }

    /** The text of the last user content that is not a tool result. */
    static String lastUserText(JsonArray contents) {
        if (contents == null) {
            return "";
        }
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonObject c = contents.getJsonObject(i);
            StringBuilder text = new StringBuilder();
            for (JsonValue p : Jsons.array(c, "parts") == null ? JsonValue.EMPTY_JSON_ARRAY : Jsons.array(c, "parts")) {
                String t = p instanceof JsonObject o ? Jsons.string(o, "text") : null;
                if (t != null) {
                    text.append(t);
                }
            }
            if ("user".equals(Jsons.string(c, "role")) && !text.isEmpty()) {
                return text.toString();
            }
        }
        return "";
    }

    private static boolean lastIsToolResult(JsonArray contents) {
        if (contents == null || contents.isEmpty()) {
            return false;
        }
        JsonArray parts = Jsons.array(contents.getJsonObject(contents.size() - 1), "parts");
        return parts != null && parts.stream().anyMatch(p -> p instanceof JsonObject o && o.containsKey("functionResponse"));
    }

    private static JsonObject text(String t) {
        return JSON.createObjectBuilder().add("text", t).build();
    }

    private static JsonObject call(String name, JsonObject args) {
        return JSON.createObjectBuilder().add("functionCall", JSON.createObjectBuilder().add("name", name)
                .add("args", args)).build();
    }

    private static JsonObject chunk(List<JsonObject> parts, boolean last) {
        var arr = JSON.createArrayBuilder();
        parts.forEach(arr::add);
        JsonObjectBuilder candidate = JSON.createObjectBuilder()
                .add("content", JSON.createObjectBuilder().add("role", "model").add("parts", arr));
        if (last) {
            candidate.add("finishReason", "STOP");
        }
        JsonObjectBuilder b = JSON.createObjectBuilder().add("candidates", JSON.createArrayBuilder().add(candidate));
        if (last) {
            b.add("usageMetadata", JSON.createObjectBuilder().add("promptTokenCount", 12)
                    .add("candidatesTokenCount", 5).add("totalTokenCount", 17));
        }
        return b.build();
    }
}
