package dev.sandboxagent.adapters.claude;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * The session's MCP servers (the contract's McpServerConfig map, already validated by core) as
 * claude's {@code --mcp-config} JSON: local servers become {@code stdio}, remote ones
 * {@code http} or {@code sse}. Disabled servers are left out.
 */
final class ClaudeMcpConfig {

    private ClaudeMcpConfig() {
    }

    /** The JSON for {@code --mcp-config}, or null when there is nothing to configure. */
    static String of(JsonObject mcp) {
        if (mcp == null || mcp.isEmpty()) {
            return null;
        }
        JsonObjectBuilder servers = Jsons.JSON.createObjectBuilder();
        int count = 0;
        for (Map.Entry<String, JsonValue> e : mcp.entrySet()) {
            if (!(e.getValue() instanceof JsonObject server) || server.get("enabled") == JsonValue.FALSE) {
                continue;
            }
            servers.add(e.getKey(), "remote".equals(Jsons.str(server, "type")) ? remote(server) : local(server));
            count++;
        }
        return count == 0 ? null : Jsons.JSON.createObjectBuilder().add("mcpServers", servers).build().toString();
    }

    private static JsonObject local(JsonObject server) {
        var args = Jsons.JSON.createArrayBuilder();
        String command;
        if (server.get("command") instanceof JsonArray parts && !parts.isEmpty()) {
            command = parts.getString(0);
            parts.stream().skip(1).forEach(args::add);
        } else {
            command = Jsons.str(server, "command");
        }
        Jsons.arr(server, "args").forEach(args::add);
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("type", "stdio").add("command", command)
                .add("args", args);
        JsonObject env = Jsons.obj(server, "env");
        if (env != null) {
            b.add("env", env);
        }
        return b.build();
    }

    private static JsonObject remote(JsonObject server) {
        String transport = "sse".equals(Jsons.str(server, "transport")) ? "sse" : "http";
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("type", transport).add("url", Jsons.str(server, "url"));
        JsonObjectBuilder headers = Jsons.JSON.createObjectBuilder();
        boolean any = false;
        JsonObject given = Jsons.obj(server, "headers");
        if (given != null) {
            for (Map.Entry<String, JsonValue> h : given.entrySet()) {
                if (h.getValue() instanceof JsonString s) {
                    headers.add(h.getKey(), s.getString());
                    any = true;
                }
            }
        }
        // Headers and tokens taken from environment variables use claude's ${VAR} expansion.
        JsonObject envHeaders = Jsons.obj(server, "envHeaders");
        if (envHeaders != null) {
            for (Map.Entry<String, JsonValue> h : envHeaders.entrySet()) {
                if (h.getValue() instanceof JsonString s) {
                    headers.add(h.getKey(), "${" + s.getString() + "}");
                    any = true;
                }
            }
        }
        String tokenVar = Jsons.str(server, "bearerTokenEnvVar");
        if (tokenVar != null) {
            headers.add("Authorization", "Bearer ${" + tokenVar + "}");
            any = true;
        }
        if (any) {
            b.add("headers", headers);
        }
        return b.build();
    }
}
