package dev.sandboxagent.adapters.amp;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings file a session's Amp runs with ({@code --settings-file}): the user's own Amp
 * settings (which that flag would otherwise hide), plus the session's permission rules and MCP
 * servers. Amp has no approval protocol over stdio, so permission modes become rules: an "ask"
 * outcome is rejected in execute mode, and the agent sees a failed tool result.
 * <ul>
 *   <li>{@code default}: Amp's built-in rules apply ({@code amp.dangerouslyAllowAll: false}; with no
 *       settings at all this Amp version runs every tool);</li>
 *   <li>{@code acceptEdits}: file edits are allowed outright, the built-in rules apply to the rest;</li>
 *   <li>{@code plan}: tools that change files or run commands are rejected;</li>
 *   <li>{@code bypass}: everything runs (also passed as {@code --dangerously-allow-all}).</li>
 * </ul>
 */
final class AmpSettings {

    static final List<String> EDIT_TOOLS = List.of("edit_file", "create_file", "apply_patch", "delete_file", "undo_edit");
    static final List<String> COMMAND_TOOLS = List.of("shell_command", "async_shell_command", "Bash");

    private AmpSettings() {
    }

    /** The settings for a session, starting from the user's {@code base} settings (may be empty). */
    static JsonObject build(JsonObject base, String permissionMode, JsonObject mcp) {
        JsonObjectBuilder out = AmpJson.BUILDERS.createObjectBuilder(base);
        boolean bypass = "bypass".equals(permissionMode);
        out.add("amp.dangerouslyAllowAll", bypass);
        JsonArrayBuilder rules = AmpJson.BUILDERS.createArrayBuilder();
        switch (permissionMode == null ? "default" : permissionMode) {
            case "acceptEdits" -> EDIT_TOOLS.forEach(tool -> rules.add(rule(tool, "allow")));
            case "plan" -> {
                EDIT_TOOLS.forEach(tool -> rules.add(rule(tool, "reject")));
                COMMAND_TOOLS.forEach(tool -> rules.add(rule(tool, "reject")));
            }
            default -> { }
        }
        // The session's rules come first: Amp applies the first rule that matches.
        if (base.get("amp.permissions") instanceof JsonArray own) {
            own.forEach(rules::add);
        }
        JsonArray all = rules.build();
        if (!all.isEmpty()) {
            out.add("amp.permissions", all);
        }
        if (mcp != null && !mcp.isEmpty()) {
            JsonObjectBuilder servers = AmpJson.BUILDERS.createObjectBuilder(
                    base.get("amp.mcpServers") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
            mcp.forEach((name, config) -> {
                JsonObject server = mcpServer(config.asJsonObject());
                if (server != null) {
                    servers.add(name, server);
                }
            });
            out.add("amp.mcpServers", servers);
        }
        return out.build();
    }

    private static JsonObject rule(String tool, String action) {
        return AmpJson.BUILDERS.createObjectBuilder().add("tool", tool).add("action", action).build();
    }

    /** A server of the universal MCP config in Amp's form; null when disabled. */
    static JsonObject mcpServer(JsonObject config) {
        if (!config.getBoolean("enabled", true)) {
            return null;
        }
        JsonObjectBuilder out = AmpJson.BUILDERS.createObjectBuilder();
        if ("remote".equals(config.getString("type", ""))) {
            out.add("url", config.getString("url"));
            if (config.get("headers") instanceof JsonObject headers) {
                out.add("headers", headers);
            }
            return out.build();
        }
        JsonArrayBuilder args = AmpJson.BUILDERS.createArrayBuilder();
        JsonValue command = config.get("command");
        if (command instanceof JsonArray parts) {
            out.add("command", parts.getString(0));
            parts.subList(1, parts.size()).forEach(args::add);
        } else {
            out.add("command", ((JsonString) command).getString());
        }
        if (config.get("args") instanceof JsonArray more) {
            more.forEach(args::add);
        }
        out.add("args", args);
        if (config.get("env") instanceof JsonObject env) {
            out.add("env", env);
        }
        return out.build();
    }

    /**
     * The user's Amp settings as Amp would find them without {@code --settings-file}:
     * {@code AMP_SETTINGS_FILE}, else {@code ~/.config/amp/settings.json}. Empty when there is
     * none or it is not plain JSON.
     */
    static JsonObject userSettings(Map<String, String> env) {
        String explicit = env.get("AMP_SETTINGS_FILE");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path file = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : home == null ? null : Path.of(home, ".config", "amp", "settings.json");
        if (file == null || !Files.isRegularFile(file)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return AmpJson.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof JsonObject o
                    ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (IOException | RuntimeException e) {
            System.getLogger(AmpSettings.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read the Amp settings " + file + " (" + e.getMessage() + "); starting from none");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
