package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentMode;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

/** Checks and defaults for the settings of a new session: modes, MCP and skills config. */
final class SessionSettings {

    /** The permission modes every adapter maps to its agent's own. */
    static final List<String> PERMISSION_MODES = List.of("default", "acceptEdits", "plan", "bypass");

    private SessionSettings() {
    }

    static String agentMode(AgentAdapter adapter, String requested) {
        List<AgentMode> modes = adapter.modes();
        if (requested == null) {
            return modes.isEmpty() ? "default" : modes.getFirst().id();
        }
        if (modes.stream().noneMatch(m -> m.id().equals(requested))) {
            throw new SandboxException(ErrorType.MODE_NOT_SUPPORTED, "agent '" + adapter.id()
                    + "' has no mode '" + requested + "'; its modes: "
                    + modes.stream().map(AgentMode::id).toList());
        }
        return requested;
    }

    static String permissionMode(String requested) {
        if (requested == null) {
            return "default";
        }
        if (!PERMISSION_MODES.contains(requested)) {
            throw new SandboxException(ErrorType.MODE_NOT_SUPPORTED, "unknown permission mode '" + requested
                    + "'; expected one of " + PERMISSION_MODES);
        }
        return requested;
    }

    /** Each MCP server config is a local (command) or remote (url) server, as in the contract. */
    static void validateMcp(JsonObject mcp) {
        if (mcp == null) {
            return;
        }
        for (Map.Entry<String, JsonValue> e : mcp.entrySet()) {
            String where = "mcp['" + e.getKey() + "']";
            if (!(e.getValue() instanceof JsonObject server)) {
                throw SandboxException.invalid(where + " must be an object");
            }
            JsonValue type = server.get("type");
            String t = type instanceof JsonString s ? s.getString() : null;
            if ("local".equals(t)) {
                JsonValue command = server.get("command");
                boolean ok = command instanceof JsonString
                        || (command instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(v -> v instanceof JsonString));
                if (!ok) {
                    throw SandboxException.invalid(where + ".command must be a string or an array of strings");
                }
            } else if ("remote".equals(t)) {
                if (!(server.get("url") instanceof JsonString)) {
                    throw SandboxException.invalid(where + ".url must be a string");
                }
            } else {
                throw SandboxException.invalid(where + ".type must be \"local\" or \"remote\"");
            }
        }
    }

    /** A skills config has a {@code sources} array of objects with {@code type} and {@code source}. */
    static void validateSkills(JsonObject skills) {
        if (skills == null) {
            return;
        }
        if (!(skills.get("sources") instanceof JsonArray sources)) {
            throw SandboxException.invalid("skills.sources must be an array");
        }
        for (JsonValue v : sources) {
            if (!(v instanceof JsonObject o) || !(o.get("type") instanceof JsonString)
                    || !(o.get("source") instanceof JsonString)) {
                throw SandboxException.invalid("each skills source needs string fields 'type' and 'source'");
            }
        }
    }
}
