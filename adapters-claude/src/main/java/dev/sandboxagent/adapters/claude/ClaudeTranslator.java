package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.JsonLines;
import dev.sandboxagent.core.spi.TurnUsage;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates claude's stream-json stdout, one line at a time, into sink calls. Control
 * requests (permissions, questions) go to {@link Control}. Every {@code result} line reports the
 * end of a turn: core ends the open one, and ignores the end of a result nobody asked for (e.g. a
 * failed {@code --resume} at start, before any message), whose error is still reported. Whether an
 * interrupt was asked for is core's record too ({@link AgentEventSink#interruptRequested()}).
 */
final class ClaudeTranslator {

    /** Where control messages of the CLI go. */
    interface Control {
        void canUseTool(String requestId, JsonObject request, JsonObject raw);

        void cancelRequest(String requestId, JsonObject raw);

        /** A control request this adapter does not implement; it must be answered anyway. */
        void unsupportedRequest(String requestId, JsonObject request, JsonObject raw);
    }

    private final AgentEventSink sink;
    private final Control control;
    private final ClaudeItems items;
    private String assistantError;
    private BigDecimal costSoFar = BigDecimal.ZERO;

    ClaudeTranslator(AgentEventSink sink, Control control) {
        this.sink = sink;
        this.control = control;
        this.items = new ClaudeItems(sink);
    }

    synchronized void accept(String line) {
        JsonLines.translate(line, sink, this::dispatch);
    }

    private void dispatch(JsonObject o, String line) {
        String type = String.valueOf(Jsons.string(o, "type"));
        switch (type) {
            case "system" -> system(o, line);
            case "stream_event" -> items.streamEvent(o);
            case "assistant" -> {
                String error = Jsons.string(o, "error");
                if (error != null) {
                    assistantError = error;
                }
                items.assistant(o, error != null);
            }
            case "user" -> items.user(o);
            case "result" -> result(o);
            case "control_request" -> {
                String id = Jsons.string(o, "request_id");
                JsonObject request = Jsons.object(o, "request");
                if ("can_use_tool".equals(Jsons.string(request, "subtype"))) {
                    control.canUseTool(id, request, o);
                } else {
                    control.unsupportedRequest(id, request, o);
                }
            }
            case "control_cancel_request" -> control.cancelRequest(Jsons.string(o, "request_id"), o);
            case "control_response" -> controlResponse(o);
            case "keep_alive" -> {
                // liveness only
            }
            default -> sink.unparsed("unknown message type '" + type + "'", "stdout", line);
        }
    }

    private void system(JsonObject o, String line) {
        String subtype = String.valueOf(Jsons.string(o, "subtype"));
        switch (subtype) {
            // Printed at the start of every turn in stdio mode; core keeps the first announcement.
            case "init" -> sink.sessionStarted(Jsons.string(o, "session_id"),
                    Jsons.pick(o, "cwd", "model", "permissionMode", "tools", "mcp_servers", "claude_code_version",
                            "apiKeySource"), o);
            case "status" -> {
                String status = Jsons.string(o, "status");
                String mode = Jsons.string(o, "permissionMode");
                if (status != null) {
                    status(o, status, mode != null ? "permission mode " + mode : null);
                } else if (mode != null) {
                    status(o, "permission_mode", mode);
                } else {
                    status(o, "status", null);
                }
            }
            case "api_retry" -> status(o, "api_retry", "attempt " + Jsons.integer(o, "attempt") + " of "
                    + Jsons.integer(o, "max_retries") + " after " + errorStatus(o) + " "
                    + Jsons.string(o, "error"));
            case "compact_boundary" -> status(o, "compact_boundary", null);
            case "thinking_tokens" -> {
                // a running estimate of thinking tokens; the thinking itself streams as deltas
            }
            default -> sink.unparsed("unknown system subtype '" + subtype + "'", "stdout", line);
        }
    }

    private static String errorStatus(JsonObject o) {
        JsonValue v = o.get("error_status");
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? "an error" : "HTTP " + v;
    }

    private void status(JsonObject o, String label, String detail) {
        String id = Jsons.string(o, "uuid");
        sink.itemCompleted(AgentItem.status(id, label, detail), o);
    }

    private void result(JsonObject o) {
        String terminal = Jsons.string(o, "terminal_reason");
        boolean interrupted = (terminal != null && terminal.startsWith("aborted"))
                || (sink.interruptRequested() && "error_during_execution".equals(Jsons.string(o, "subtype")));
        if (Jsons.bool(o, "is_error") && !interrupted) {
            sink.error(errorMessage(o), errorCode(o),
                    Jsons.pick(o, "subtype", "api_error_status", "terminal_reason", "errors", "stop_reason"), o);
        }
        assistantError = null;
        BigDecimal cost = turnCost(TurnUsage.decimal(o, "total_cost_usd"));
        var meta = Jsons.JSON.createObjectBuilder(Jsons.pick(o, "subtype", "is_error", "stop_reason", "terminal_reason",
                "num_turns", "duration_ms", "total_cost_usd", "usage", "permission_denials"));
        if (interrupted) {
            meta.add("interrupted", true);
        }
        sink.turnEnded(TurnUsage.ofAnthropic(Jsons.objectOrNull(o, "usage"), cost), meta.build(), o);
    }

    /**
     * Claude's {@code total_cost_usd} is the process's running total (its {@code usage} is the
     * turn's own): the turn cost what the total grew by. A total that shrank is a new process's.
     */
    private BigDecimal turnCost(BigDecimal total) {
        if (total == null) {
            return null;
        }
        BigDecimal before = costSoFar;
        costSoFar = total;
        return total.compareTo(before) >= 0 ? total.subtract(before) : total;
    }

    private static String errorMessage(JsonObject o) {
        String result = Jsons.string(o, "result");
        if (result != null && !result.isBlank()) {
            return result;
        }
        String errors = Jsons.array(o, "errors").stream().filter(v -> v instanceof JsonString)
                .map(v -> ((JsonString) v).getString()).collect(Collectors.joining("; "));
        return errors.isBlank() ? "claude ended the turn with " + Jsons.string(o, "subtype") : errors;
    }

    private String errorCode(JsonObject o) {
        if (assistantError != null) {
            return assistantError;
        }
        String subtype = Jsons.string(o, "subtype");
        return subtype != null && !"success".equals(subtype) ? subtype : "agent_error";
    }

    private void controlResponse(JsonObject o) {
        JsonObject response = Jsons.object(o, "response");
        if ("error".equals(Jsons.string(response, "subtype"))) {
            sink.error("claude failed a control request: " + Jsons.string(response, "error"), "control_error",
                    response, o);
        }
    }
}
