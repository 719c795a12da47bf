package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** The stdin lines of claude's stream-json protocol: user messages and control messages. */
final class ClaudeProtocol {

    private ClaudeProtocol() {
    }

    /** A user turn; {@code content} is a string or an array of content blocks. */
    static String userMessage(jakarta.json.JsonValue content) {
        return Jsons.JSON.createObjectBuilder()
                .add("type", "user")
                .add("message", Jsons.JSON.createObjectBuilder().add("role", "user").add("content", content))
                .addNull("parent_tool_use_id")
                .add("session_id", "")
                .build().toString();
    }

    /** Asks claude to stop the running turn; it answers with a control_response and ends the turn with a result. */
    static String interrupt(String requestId) {
        return Jsons.JSON.createObjectBuilder()
                .add("type", "control_request")
                .add("request_id", requestId)
                .add("request", Jsons.JSON.createObjectBuilder().add("subtype", "interrupt"))
                .build().toString();
    }

    /** Allows a can_use_tool request. claude requires {@code updatedInput}: without it the call fails. */
    static String allow(String requestId, JsonObject updatedInput, JsonArray updatedPermissions) {
        var response = Jsons.JSON.createObjectBuilder().add("behavior", "allow").add("updatedInput", updatedInput);
        if (updatedPermissions != null && !updatedPermissions.isEmpty()) {
            response.add("updatedPermissions", updatedPermissions);
        }
        return success(requestId, response.build());
    }

    /** Denies a can_use_tool request; the model sees {@code message} as the tool's error result. */
    static String deny(String requestId, String message) {
        return success(requestId, Jsons.JSON.createObjectBuilder().add("behavior", "deny").add("message", message).build());
    }

    static String success(String requestId, JsonObject response) {
        return Jsons.JSON.createObjectBuilder()
                .add("type", "control_response")
                .add("response", Jsons.JSON.createObjectBuilder()
                        .add("subtype", "success")
                        .add("request_id", requestId)
                        .add("response", response))
                .build().toString();
    }

    static String error(String requestId, String message) {
        return Jsons.JSON.createObjectBuilder()
                .add("type", "control_response")
                .add("response", Jsons.JSON.createObjectBuilder()
                        .add("subtype", "error")
                        .add("request_id", requestId)
                        .add("error", message))
                .build().toString();
    }
}
