package dev.sandboxagent.core.schema;

import jakarta.json.JsonValue;

import java.util.Objects;

/**
 * One piece of an item's content. On the wire each variant is an object whose {@code type}
 * names the variant (text, json, tool_call, tool_result, file_ref, reasoning, image, status).
 */
public sealed interface ContentPart {

    /** The variant's wire name, the value of {@code type}. */
    String type();

    /** The concatenated text of the {@link Text} parts. */
    static String textOf(java.util.List<ContentPart> parts) {
        StringBuilder sb = new StringBuilder();
        for (ContentPart part : parts) {
            if (part instanceof Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    /** Plain or markdown text. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /** Arbitrary structured data. */
    record Json(JsonValue json) implements ContentPart {
        public Json {
            Objects.requireNonNull(json, "json");
        }

        @Override
        public String type() {
            return "json";
        }
    }

    /** A tool invocation: {@code arguments} is the tool input as a JSON string. */
    record ToolCall(String name, String arguments, String callId) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(callId, "call_id");
        }

        @Override
        public String type() {
            return "tool_call";
        }
    }

    /** The output of the tool call with the same {@code callId}. */
    record ToolResult(String callId, String output) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(callId, "call_id");
            Objects.requireNonNull(output, "output");
        }

        @Override
        public String type() {
            return "tool_result";
        }
    }

    /** A file the agent read, wrote or patched; {@code diff} is optional. */
    record FileRef(String path, FileAction action, String diff) implements ContentPart {
        public FileRef {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String type() {
            return "file_ref";
        }
    }

    /** The agent's reasoning ("thinking"). */
    record Reasoning(String text, ReasoningVisibility visibility) implements ContentPart {
        public Reasoning {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(visibility, "visibility");
        }

        @Override
        public String type() {
            return "reasoning";
        }
    }

    /** An image by path; {@code mime} is optional. */
    record Image(String path, String mime) implements ContentPart {
        public Image {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String type() {
            return "image";
        }
    }

    /** A status line (progress, retries, usage); {@code detail} is optional. */
    record Status(String label, String detail) implements ContentPart {
        public Status {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String type() {
            return "status";
        }
    }
}
