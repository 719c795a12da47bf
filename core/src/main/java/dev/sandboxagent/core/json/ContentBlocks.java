package dev.sandboxagent.core.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Content blocks of the Anthropic Messages API shape ({@code {"type":"text","text":…}},
 * {@code tool_use}, {@code tool_result}), which Claude Code and Amp both print.
 */
public final class ContentBlocks {

    private ContentBlocks() {
    }

    /** A tool_use block's input, or an empty object when it has none. */
    public static JsonValue toolInput(JsonObject block) {
        return block.containsKey("input") ? block.get("input") : JsonValue.EMPTY_JSON_OBJECT;
    }

    /**
     * A tool result's content as text: a string as it is, blocks joined by {@code separator}
     * (a text block by its text, any other block as JSON), anything else as JSON.
     */
    public static String resultText(JsonValue content, String separator) {
        if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (content instanceof JsonString s) {
            return s.getString();
        }
        if (content instanceof JsonArray blocks) {
            StringBuilder sb = new StringBuilder();
            for (JsonValue b : blocks) {
                if (!sb.isEmpty()) {
                    sb.append(separator);
                }
                sb.append(b instanceof JsonObject o && "text".equals(Jsons.string(o, "type"))
                        ? o.getString("text", "") : Jsons.print(b));
            }
            return sb.toString();
        }
        return Jsons.print(content);
    }
}
