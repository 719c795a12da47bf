package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.AgentUnparsedData;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.PermissionStatus;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.QuestionStatus;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.SessionStartedData;
import dev.sandboxagent.core.schema.StderrOutput;
import dev.sandboxagent.core.schema.TerminatedBy;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.TurnPhase;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.schema.WireEnum;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.JsonFields.optBoolean;
import static dev.sandboxagent.core.json.JsonFields.optLong;
import static dev.sandboxagent.core.json.JsonFields.optObject;
import static dev.sandboxagent.core.json.JsonFields.optString;
import static dev.sandboxagent.core.json.JsonFields.optStringList;
import static dev.sandboxagent.core.json.JsonFields.optValue;
import static dev.sandboxagent.core.json.JsonFields.putIfPresent;
import static dev.sandboxagent.core.json.JsonFields.requireObject;
import static dev.sandboxagent.core.json.JsonFields.requireString;

/**
 * The universal schema's wire form: snake_case fields, the contract's enum spellings, and null
 * fields omitted. Written by hand (rather than left to JSON-B's defaults) because the event's
 * {@code data} variant is chosen by the event's {@code type}, which JSON-B cannot express;
 * {@link UniversalEventJsonbSerializer} plugs it into JSON-B.
 */
public final class SchemaJson {

    private static final JsonBuilderFactory JSON = Jsons.JSON.createBuilderFactory(null);

    private SchemaJson() {
    }

    // ---- events ------------------------------------------------------------------------

    public static JsonObject toJson(UniversalEvent e, boolean includeRaw) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("event_id", e.eventId())
                .add("sequence", e.sequence())
                .add("time", e.time())
                .add("session_id", e.sessionId());
        putIfPresent(b, "native_session_id", e.nativeSessionId());
        b.add("synthetic", e.synthetic())
                .add("source", e.source().wire())
                .add("type", e.type().wire())
                .add("data", dataToJson(e.data()));
        if (includeRaw) {
            putIfPresent(b, "raw", e.raw());
        }
        return b.build();
    }

    public static UniversalEvent eventFromJson(JsonObject o) {
        UniversalEventType type = WireEnum.parse(UniversalEventType.class, requireString(o, "type"));
        Long sequence = optLong(o, "sequence");
        if (sequence == null) {
            throw new IllegalArgumentException("missing integer field 'sequence'");
        }
        return new UniversalEvent(
                requireString(o, "event_id"),
                sequence,
                requireString(o, "time"),
                requireString(o, "session_id"),
                optString(o, "native_session_id"),
                optBoolean(o, "synthetic", false),
                WireEnum.parse(EventSource.class, requireString(o, "source")),
                type,
                dataFromJson(type, requireObject(o, "data")),
                optValue(o, "raw"));
    }

    // ---- event data --------------------------------------------------------------------

    public static JsonObject dataToJson(EventData data) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        switch (data) {
            case TurnEventData t -> {
                b.add("phase", t.phase().wire());
                putIfPresent(b, "turn_id", t.turnId());
                putIfPresent(b, "metadata", t.metadata());
            }
            case SessionStartedData s -> putIfPresent(b, "metadata", s.metadata());
            case SessionEndedData s -> {
                b.add("reason", s.reason().wire()).add("terminated_by", s.terminatedBy().wire());
                putIfPresent(b, "exit_code", s.exitCode());
                putIfPresent(b, "message", s.message());
                if (s.stderr() != null) {
                    b.add("stderr", stderrToJson(s.stderr()));
                }
            }
            case ItemEventData i -> b.add("item", itemToJson(i.item()));
            case ItemDeltaData d -> {
                b.add("item_id", d.itemId());
                putIfPresent(b, "native_item_id", d.nativeItemId());
                b.add("delta", d.delta());
            }
            case ErrorData err -> {
                b.add("message", err.message());
                putIfPresent(b, "code", err.code());
                putIfPresent(b, "details", err.details());
            }
            case PermissionEventData p -> {
                b.add("permission_id", p.permissionId()).add("action", p.action()).add("status", p.status().wire());
                putIfPresent(b, "metadata", p.metadata());
            }
            case QuestionEventData q -> {
                b.add("question_id", q.questionId()).add("prompt", q.prompt())
                        .add("options", strings(q.options())).add("status", q.status().wire());
                putIfPresent(b, "response", q.response());
                if (!q.questions().isEmpty()) {
                    b.add("questions", subQuestionsToJson(q.questions()));
                }
            }
            case AgentUnparsedData u -> {
                b.add("error", u.error()).add("location", u.location());
                putIfPresent(b, "raw_hash", u.rawHash());
            }
        }
        return b.build();
    }

    public static EventData dataFromJson(UniversalEventType type, JsonObject o) {
        return switch (type) {
            case TURN_STARTED, TURN_ENDED -> new TurnEventData(
                    WireEnum.parse(TurnPhase.class, requireString(o, "phase")),
                    optString(o, "turn_id"), optValue(o, "metadata"));
            case SESSION_STARTED -> new SessionStartedData(optValue(o, "metadata"));
            case SESSION_ENDED -> {
                Long exit = optLong(o, "exit_code");
                JsonObject stderr = optObject(o, "stderr");
                yield new SessionEndedData(
                        WireEnum.parse(SessionEndReason.class, requireString(o, "reason")),
                        WireEnum.parse(TerminatedBy.class, requireString(o, "terminated_by")),
                        exit == null ? null : Math.toIntExact(exit),
                        optString(o, "message"),
                        stderr == null ? null : stderrFromJson(stderr));
            }
            case ITEM_STARTED, ITEM_COMPLETED -> new ItemEventData(itemFromJson(requireObject(o, "item")));
            case ITEM_DELTA -> new ItemDeltaData(requireString(o, "item_id"), optString(o, "native_item_id"),
                    requireString(o, "delta"));
            case ERROR -> new ErrorData(requireString(o, "message"), optString(o, "code"), optValue(o, "details"));
            case PERMISSION_REQUESTED, PERMISSION_RESOLVED -> new PermissionEventData(
                    requireString(o, "permission_id"), requireString(o, "action"),
                    WireEnum.parse(PermissionStatus.class, requireString(o, "status")), optValue(o, "metadata"));
            case QUESTION_REQUESTED, QUESTION_RESOLVED -> {
                List<String> options = optStringList(o, "options");
                if (options == null) {
                    throw new IllegalArgumentException("missing array field 'options'");
                }
                yield new QuestionEventData(requireString(o, "question_id"), requireString(o, "prompt"), options,
                        WireEnum.parse(QuestionStatus.class, requireString(o, "status")), optString(o, "response"),
                        subQuestionsFromJson(o));
            }
            case AGENT_UNPARSED -> new AgentUnparsedData(requireString(o, "error"), requireString(o, "location"),
                    optString(o, "raw_hash"));
        };
    }

    private static JsonArray subQuestionsToJson(List<QuestionEventData.SubQuestion> questions) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (QuestionEventData.SubQuestion q : questions) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("question", q.question());
            putIfPresent(b, "header", q.header());
            a.add(b.add("options", strings(q.options())).add("multiple", q.multiple()));
        }
        return a.build();
    }

    private static List<QuestionEventData.SubQuestion> subQuestionsFromJson(JsonObject o) {
        JsonValue v = optValue(o, "questions");
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw new IllegalArgumentException("field 'questions' must be an array");
        }
        return array.stream().map(q -> {
            if (!(q instanceof JsonObject sub)) {
                throw new IllegalArgumentException("each of 'questions' must be an object");
            }
            return new QuestionEventData.SubQuestion(requireString(sub, "question"), optString(sub, "header"),
                    optStringList(sub, "options"), optBoolean(sub, "multiple", false));
        }).toList();
    }

    public static JsonObject stderrToJson(StderrOutput s) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        putIfPresent(b, "head", s.head());
        putIfPresent(b, "tail", s.tail());
        putIfPresent(b, "total_lines", s.totalLines());
        b.add("truncated", s.truncated());
        return b.build();
    }

    public static StderrOutput stderrFromJson(JsonObject o) {
        return new StderrOutput(optString(o, "head"), optString(o, "tail"), optLong(o, "total_lines"),
                optBoolean(o, "truncated", false));
    }

    // ---- items and content -------------------------------------------------------------

    public static JsonObject itemToJson(UniversalItem item) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("item_id", item.itemId());
        putIfPresent(b, "native_item_id", item.nativeItemId());
        putIfPresent(b, "parent_id", item.parentId());
        b.add("kind", item.kind().wire());
        if (item.role() != null) {
            b.add("role", item.role().wire());
        }
        JsonArrayBuilder content = JSON.createArrayBuilder();
        for (ContentPart part : item.content()) {
            content.add(partToJson(part));
        }
        return b.add("content", content).add("status", item.status().wire()).build();
    }

    public static UniversalItem itemFromJson(JsonObject o) {
        JsonValue content = o.get("content");
        if (!(content instanceof JsonArray array)) {
            throw new IllegalArgumentException("field 'content' must be an array");
        }
        List<ContentPart> parts = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject part)) {
                throw new IllegalArgumentException("content parts must be objects");
            }
            parts.add(partFromJson(part));
        }
        String role = optString(o, "role");
        return new UniversalItem(requireString(o, "item_id"), optString(o, "native_item_id"), optString(o, "parent_id"),
                WireEnum.parse(ItemKind.class, requireString(o, "kind")),
                role == null ? null : WireEnum.parse(ItemRole.class, role),
                parts, WireEnum.parse(ItemStatus.class, requireString(o, "status")));
    }

    public static JsonObject partToJson(ContentPart part) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("type", part.type());
        switch (part) {
            case ContentPart.Text t -> b.add("text", t.text());
            case ContentPart.Json j -> b.add("json", j.json());
            case ContentPart.ToolCall c -> b.add("name", c.name()).add("arguments", c.arguments()).add("call_id", c.callId());
            case ContentPart.ToolResult r -> b.add("call_id", r.callId()).add("output", r.output());
            case ContentPart.FileRef f -> {
                b.add("path", f.path()).add("action", f.action().wire());
                putIfPresent(b, "diff", f.diff());
            }
            case ContentPart.Reasoning r -> b.add("text", r.text()).add("visibility", r.visibility().wire());
            case ContentPart.Image i -> {
                b.add("path", i.path());
                putIfPresent(b, "mime", i.mime());
            }
            case ContentPart.Status s -> {
                b.add("label", s.label());
                putIfPresent(b, "detail", s.detail());
            }
        }
        return b.build();
    }

    public static ContentPart partFromJson(JsonObject o) {
        String type = requireString(o, "type");
        return switch (type) {
            case "text" -> new ContentPart.Text(requireString(o, "text"));
            case "json" -> {
                JsonValue json = o.get("json");
                if (json == null) {
                    throw new IllegalArgumentException("missing field 'json'");
                }
                yield new ContentPart.Json(json);
            }
            case "tool_call" -> new ContentPart.ToolCall(requireString(o, "name"), requireString(o, "arguments"),
                    requireString(o, "call_id"));
            case "tool_result" -> new ContentPart.ToolResult(requireString(o, "call_id"), requireString(o, "output"));
            case "file_ref" -> new ContentPart.FileRef(requireString(o, "path"),
                    WireEnum.parse(FileAction.class, requireString(o, "action")), optString(o, "diff"));
            case "reasoning" -> new ContentPart.Reasoning(requireString(o, "text"),
                    WireEnum.parse(ReasoningVisibility.class, requireString(o, "visibility")));
            case "image" -> new ContentPart.Image(requireString(o, "path"), optString(o, "mime"));
            case "status" -> new ContentPart.Status(requireString(o, "label"), optString(o, "detail"));
            default -> throw new IllegalArgumentException("unknown content part type '" + type + "'");
        };
    }

    private static JsonArray strings(List<String> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a.build();
    }
}
