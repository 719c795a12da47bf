package dev.sandboxagent.adapters.acp.fake;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * The OpenAI Chat Completions API ({@code POST /v1/chat/completions}, streamed as SSE chunks
 * ending with {@code [DONE]}), as Qwen Code calls it. Errors use OpenAI's error body.
 */
public final class OpenAiDialect implements FakeModelServer.Dialect {

    @Override
    public FakeModelServer.Reply answer(String path, JsonObject body) {
        JsonArray messages = Jsons.array(body, "messages");
        Scenario scenario = Scenario.in(lastUserText(messages));
        if (scenario.httpStatus() != 200) {
            return new FakeModelServer.Reply.Plain(scenario.httpStatus(), Jsons.print(JSON.createObjectBuilder()
                    .add("error", JSON.createObjectBuilder().add("message", "fake " + scenario.httpStatus() + " for the test")
                            .add("type", scenario.httpStatus() == 401 ? "invalid_request_error" : "server_error")
                            .add("code", JsonValue.NULL)).build()));
        }
        boolean afterTool = messages != null && !messages.isEmpty()
                && "tool".equals(Jsons.string(messages.getJsonObject(messages.size() - 1), "role"));
        List<String> data = new ArrayList<>();
        switch (afterTool ? Scenario.TEXT : scenario) {
            case TOOL -> toolCall(data, "glob", JSON.createObjectBuilder().add("pattern", "*").build());
            case PERMISSION -> toolCall(data, "run_shell_command", JSON.createObjectBuilder()
                    .add("command", "echo written > " + Scenario.WRITTEN_FILE)
                    .add("description", "write a file").build());
            case HANG -> {
                data.add(delta(JSON.createObjectBuilder().add("role", "assistant").add("content", "Working on it").build(),
                        null));
                return new FakeModelServer.Reply.Stream(data, true, false);
            }
            case THINK -> {
                data.add(delta(JSON.createObjectBuilder().add("role", "assistant")
                        .add("reasoning_content", "Thinking about it").build(), null));
                data.add(delta(JSON.createObjectBuilder().add("content", Scenario.ANSWER).build(), null));
                data.add(delta(JsonValue.EMPTY_JSON_OBJECT, "stop"));
            }
            case HISTORY -> {
                long seen = messages.stream().filter(m -> "user".equals(Jsons.string(m.asJsonObject(), "role"))
                        && Jsons.print(m).contains(Scenario.HISTORY.marker())).count();
                data.add(delta(JSON.createObjectBuilder().add("role", "assistant")
                        .add("content", Scenario.historyAnswer(seen)).build(), null));
                data.add(delta(JsonValue.EMPTY_JSON_OBJECT, "stop"));
            }
            default -> {
                data.add(delta(JSON.createObjectBuilder().add("role", "assistant").add("content", "Hello from ").build(), null));
                data.add(delta(JSON.createObjectBuilder().add("content", "the fake model.").build(), null));
                data.add(delta(JsonValue.EMPTY_JSON_OBJECT, "stop"));
            }
        }
        return new FakeModelServer.Reply.Stream(data, false, true);
    }

    private static void toolCall(List<String> data, String name, JsonObject args) {
        data.add(delta(JSON.createObjectBuilder().add("role", "assistant").add("tool_calls", JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("index", 0).add("id", "call_" + System.nanoTime()).add("type", "function")
                        .add("function", JSON.createObjectBuilder().add("name", name).add("arguments", Jsons.print(args)))))
                .build(), null));
        data.add(delta(JsonValue.EMPTY_JSON_OBJECT, "tool_calls"));
    }

    private static String delta(JsonObject delta, String finish) {
        var choice = JSON.createObjectBuilder().add("index", 0).add("delta", delta);
        choice.add("finish_reason", finish == null ? JsonValue.NULL : JSON.createValue(finish));
        var chunk = JSON.createObjectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion.chunk")
                .add("created", 1).add("model", "fake-model").add("choices", JSON.createArrayBuilder().add(choice));
        if (finish != null) {
            chunk.add("usage", JSON.createObjectBuilder().add("prompt_tokens", 12).add("completion_tokens", 5)
                    .add("total_tokens", 17));
        }
        return Jsons.print(chunk.build());
    }

    /** The text of the last user message (string content or text parts). */
    static String lastUserText(JsonArray messages) {
        if (messages == null) {
            return "";
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonObject m = messages.getJsonObject(i);
            if (!"user".equals(Jsons.string(m, "role"))) {
                continue;
            }
            JsonValue content = m.get("content");
            if (content instanceof jakarta.json.JsonString s) {
                return s.getString();
            }
            if (content instanceof JsonArray parts) {
                StringBuilder b = new StringBuilder();
                parts.forEach(p -> {
                    if (p instanceof JsonObject o && Jsons.string(o, "text") != null) {
                        b.append(Jsons.string(o, "text"));
                    }
                });
                return b.toString();
            }
        }
        return "";
    }
}
