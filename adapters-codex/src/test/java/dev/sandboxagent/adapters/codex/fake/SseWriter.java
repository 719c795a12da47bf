package dev.sandboxagent.adapters.codex.fake;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Writes one scripted model response as Responses API server-sent events. */
final class SseWriter {

    private static final AtomicLong IDS = new AtomicLong();

    private final OutputStream out;
    private final FakeResponsesApi api;
    private final String responseId = "resp_" + IDS.incrementAndGet();
    private int outputIndex;

    SseWriter(OutputStream out, FakeResponsesApi api) {
        this.out = out;
        this.api = api;
    }

    void play(FakeScript.Step step) throws IOException {
        event("response.created", Json.createObjectBuilder().add("response", Json.createObjectBuilder().add("id", responseId)));
        if (step.reasoning() != null) {
            reasoning(step.reasoning());
        }
        if (step.text() != null) {
            text(step.text(), step.hang());
        }
        if (step.function() != null) {
            String callId = "call_" + responseId;
            item(Json.createObjectBuilder().add("type", "function_call").add("id", "fc_" + responseId)
                    .add("call_id", callId).add("name", step.function()).add("arguments", step.arguments()).build());
        }
        if (step.customTool() != null) {
            item(Json.createObjectBuilder().add("type", "custom_tool_call").add("id", "ctc_" + responseId)
                    .add("call_id", "call_" + responseId).add("name", step.customTool()).add("input", step.customInput())
                    .build());
        }
        event("response.completed", Json.createObjectBuilder().add("response", Json.createObjectBuilder()
                .add("id", responseId)
                .add("usage", Json.createObjectBuilder().add("input_tokens", 100).add("output_tokens", 20)
                        .add("total_tokens", 120)
                        .add("input_tokens_details", Json.createObjectBuilder().add("cached_tokens", 0))
                        .add("output_tokens_details", Json.createObjectBuilder().add("reasoning_tokens", 0)))));
    }

    private void reasoning(String text) throws IOException {
        String id = "rs_" + responseId;
        int index = outputIndex++;
        event("response.output_item.added", Json.createObjectBuilder().add("output_index", index)
                .add("item", Json.createObjectBuilder().add("type", "reasoning").add("id", id)
                        .add("summary", Json.createArrayBuilder())));
        event("response.reasoning_summary_part.added", Json.createObjectBuilder().add("item_id", id)
                .add("output_index", index).add("summary_index", 0)
                .add("part", Json.createObjectBuilder().add("type", "summary_text").add("text", "")));
        event("response.reasoning_summary_text.delta", Json.createObjectBuilder().add("item_id", id)
                .add("output_index", index).add("summary_index", 0).add("delta", text));
        event("response.output_item.done", Json.createObjectBuilder().add("output_index", index)
                .add("item", Json.createObjectBuilder().add("type", "reasoning").add("id", id)
                        .add("summary", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("type", "summary_text").add("text", text)))));
    }

    private void text(String text, boolean hang) throws IOException {
        String id = "msg_" + responseId;
        int index = outputIndex++;
        event("response.output_item.added", Json.createObjectBuilder().add("output_index", index)
                .add("item", Json.createObjectBuilder().add("type", "message").add("id", id).add("role", "assistant")
                        .add("content", Json.createArrayBuilder())));
        for (int i = 0; i < text.length(); i += 8) {
            event("response.output_text.delta", Json.createObjectBuilder().add("output_index", index).add("item_id", id)
                    .add("content_index", 0).add("delta", text.substring(i, Math.min(text.length(), i + 8))));
        }
        if (hang) {
            // Never finish: keep the stream alive until codex hangs up or the fake closes.
            long end = System.nanoTime() + 180_000_000_000L;
            while (!api.closed() && System.nanoTime() < end) {
                write(": still thinking\n\n");
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new IOException("the fake closed");
        }
        event("response.output_item.done", Json.createObjectBuilder().add("output_index", index)
                .add("item", Json.createObjectBuilder().add("type", "message").add("id", id).add("role", "assistant")
                        .add("content", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("type", "output_text").add("text", text)))));
    }

    private void item(JsonObject item) throws IOException {
        int index = outputIndex++;
        event("response.output_item.added", Json.createObjectBuilder().add("output_index", index).add("item", item));
        event("response.output_item.done", Json.createObjectBuilder().add("output_index", index).add("item", item));
    }

    private void event(String type, JsonObjectBuilder data) throws IOException {
        write("event: " + type + "\ndata: " + data.add("type", type).build() + "\n\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
