package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.McpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

    /**
     * The settings for a session, starting from the user's {@code base} settings (may be empty);
     * {@code env} is the daemon's environment, for MCP headers taken from variables.
     */
    static JsonObject build(JsonObject base, String permissionMode, List<McpServer> mcp, Map<String, String> env) {
        JsonObjectBuilder out = Jsons.JSON.createObjectBuilder(base);
        boolean bypass = "bypass".equals(permissionMode);
        out.add("amp.dangerouslyAllowAll", bypass);
        JsonArrayBuilder rules = Jsons.JSON.createArrayBuilder();
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
        if (!mcp.isEmpty()) {
            JsonObjectBuilder servers = Jsons.JSON.createObjectBuilder(
                    base.get("amp.mcpServers") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
            for (McpServer server : mcp) {
                JsonObject config = mcpServer(server, env);
                if (config != null) {
                    servers.add(server.name(), config);
                } else {
                    servers.remove(server.name()); // disabled by the session, even if the user's settings have it
                }
            }
            out.add("amp.mcpServers", servers);
        }
        return out.build();
    }

    /**
     * Refuses what Amp's MCP settings cannot express: a per-server timeout, and an OAuth login
     * (it needs {@code amp mcp oauth login} in a browser).
     */
    static void checkMcp(List<McpServer> mcp) {
        for (McpServer s : mcp) {
            if (!s.enabled()) {
                continue;
            }
            if (s.timeoutMs() != null) {
                throw McpServer.unsupported(AmpAdapter.ID, s, "Amp's MCP settings have no timeout; leave 'timeoutMs' out");
            }
            if (s instanceof McpServer.Remote r && r.wantsOauth()) {
                throw McpServer.unsupported(AmpAdapter.ID, s, "an OAuth login needs 'amp mcp oauth login' in a browser; "
                        + "pass a token with 'headers', 'envHeaders' or 'bearerTokenEnvVar' (or set 'oauth' to false)");
            }
        }
    }

    private static JsonObject rule(String tool, String action) {
        return Jsons.JSON.createObjectBuilder().add("tool", tool).add("action", action).build();
    }

    /**
     * A server in Amp's form; null when disabled. A {@code cwd} (Amp's settings have none)
     * becomes a {@code sh -c 'cd DIR && exec ...'} wrapper; headers from environment variables
     * get the variables' values (the settings file is private to the session); Amp detects a
     * remote server's transport itself.
     */
    static JsonObject mcpServer(McpServer server, Map<String, String> env) {
        if (!server.enabled()) {
            return null;
        }
        JsonObjectBuilder out = Jsons.JSON.createObjectBuilder();
        switch (server) {
            case McpServer.Remote r -> {
                out.add("url", r.url());
                JsonObjectBuilder headers = Jsons.JSON.createObjectBuilder();
                r.headers().forEach(headers::add);
                r.envHeaders().forEach((name, variable) -> headers.add(name, variable(env, r, variable)));
                if (r.bearerTokenEnvVar() != null) {
                    headers.add("Authorization", "Bearer " + variable(env, r, r.bearerTokenEnvVar()));
                }
                JsonObject h = headers.build();
                if (!h.isEmpty()) {
                    out.add("headers", h);
                }
            }
            case McpServer.Local l -> {
                List<String> argv = l.argv();
                if (l.cwd() != null && !l.cwd().isBlank()) {
                    List<String> wrapped = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", l.cwd()));
                    wrapped.addAll(argv);
                    argv = wrapped;
                }
                out.add("command", argv.getFirst());
                JsonArrayBuilder args = Jsons.JSON.createArrayBuilder();
                argv.subList(1, argv.size()).forEach(args::add);
                out.add("args", args);
                if (!l.env().isEmpty()) {
                    JsonObjectBuilder e = Jsons.JSON.createObjectBuilder();
                    l.env().forEach(e::add);
                    out.add("env", e);
                }
            }
        }
        return out.build();
    }

    private static String variable(Map<String, String> env, McpServer server, String name) {
        String value = env.get(name);
        if (value == null) {
            throw dev.sandboxagent.core.error.SandboxException.invalid("mcp['" + server.name()
                    + "'] names the environment variable " + name + ", which the daemon's environment does not have");
        }
        return value;
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
            return Jsons.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof JsonObject o
                    ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (IOException | RuntimeException e) {
            System.getLogger(AmpSettings.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read the Amp settings " + file + " (" + e.getMessage() + "); starting from none");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
