package dev.sandboxagent.http;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.json.JsonFields;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.WireEnum;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns request bodies into the port's records, with a 400 naming the field for any missing
 * or mistyped value (JSON-B would silently coerce numbers into strings).
 */
final class RequestReaders {

    private RequestReaders() {
    }

    static CreateSessionRequest createSession(JsonObject o) {
        return field(() -> new CreateSessionRequest(
                JsonFields.optString(o, "agent"),
                JsonFields.optString(o, "agentMode"),
                JsonFields.optString(o, "agentVersion"),
                JsonFields.optString(o, "directory"),
                JsonFields.optObject(o, "mcp"),
                JsonFields.optString(o, "model"),
                JsonFields.optString(o, "permissionMode"),
                JsonFields.optObject(o, "skills"),
                JsonFields.optString(o, "title"),
                JsonFields.optString(o, "variant"),
                JsonFields.optString(o, "nativeSessionId"),
                JsonFields.optLong(o, "turnIdleTimeoutMs")));
    }

    static MessageRequest message(JsonObject o) {
        String message = field(() -> JsonFields.optString(o, "message"));
        if (message == null) {
            throw SandboxException.invalid("field 'message' is required");
        }
        JsonValue atts = o.get("attachments");
        List<MessageRequest.Attachment> attachments = new ArrayList<>();
        if (atts != null && atts.getValueType() != JsonValue.ValueType.NULL) {
            if (!(atts instanceof JsonArray array)) {
                throw SandboxException.invalid("field 'attachments' must be an array");
            }
            for (JsonValue v : array) {
                if (!(v instanceof JsonObject a)) {
                    throw SandboxException.invalid("each attachment must be an object");
                }
                attachments.add(field(() -> new MessageRequest.Attachment(JsonFields.requireString(a, "path"),
                        JsonFields.optString(a, "mime"), JsonFields.optString(a, "filename"))));
            }
        }
        return new MessageRequest(message, attachments);
    }

    static PermissionReply permissionReply(JsonObject o) {
        String reply = field(() -> JsonFields.optString(o, "reply"));
        if (reply == null) {
            throw SandboxException.invalid("field 'reply' is required: once, always or reject");
        }
        return WireEnum.fromWire(PermissionReply.class, reply).orElseThrow(() ->
                SandboxException.invalid("field 'reply' must be once, always or reject, not '" + reply + "'"));
    }

    static List<List<String>> answers(JsonObject o) {
        JsonValue v = o.get("answers");
        if (!(v instanceof JsonArray outer)) {
            throw SandboxException.invalid("field 'answers' is required: an array of arrays of strings");
        }
        List<List<String>> answers = new ArrayList<>();
        for (JsonValue inner : outer) {
            if (!(inner instanceof JsonArray list)) {
                throw SandboxException.invalid("field 'answers' must be an array of arrays of strings");
            }
            List<String> one = new ArrayList<>();
            for (JsonValue s : list) {
                if (!(s instanceof JsonString str)) {
                    throw SandboxException.invalid("field 'answers' must be an array of arrays of strings");
                }
                one.add(str.getString());
            }
            answers.add(one);
        }
        return answers;
    }

    static boolean reinstall(JsonObject o) {
        return field(() -> JsonFields.optBoolean(o, "reinstall", false));
    }

    /** Field accessors throw IllegalArgumentException naming the field: that is a 400. */
    private static <T> T field(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw SandboxException.invalid(e.getMessage());
        }
    }
}
