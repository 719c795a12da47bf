package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.McpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The session's MCP servers as claude's {@code --mcp-config} JSON: local servers become
 * {@code stdio} (a {@code cwd}, which claude's config has no field for, becomes a
 * {@code sh -c 'cd DIR && exec ...'} wrapper), remote ones {@code http} or {@code sse} with
 * their headers; headers taken from environment variables use claude's {@code ${VAR}}
 * expansion. Disabled servers are left out. claude has one MCP timeout for all servers
 * ({@code MCP_TIMEOUT} for start-up, {@code MCP_TOOL_TIMEOUT} for calls): the largest
 * {@code timeoutMs} of the session is used for both. An OAuth login needs claude's
 * interactive {@code /mcp} flow, so a server that asks for one is refused.
 */
final class ClaudeMcpConfig {

    private ClaudeMcpConfig() {
    }

    /** Refuses what claude cannot take. */
    static void check(List<McpServer> servers) {
        for (McpServer s : servers) {
            if (s instanceof McpServer.Remote r && r.enabled() && r.wantsOauth()) {
                throw McpServer.unsupported(ClaudeAdapter.ID, s, "an OAuth login needs claude's interactive /mcp "
                        + "flow, which a headless session has not; pass a token with 'headers', 'envHeaders' or "
                        + "'bearerTokenEnvVar' (or set 'oauth' to false)");
            }
        }
    }

    /** The JSON for {@code --mcp-config}, or null when there is nothing to configure. */
    static String of(List<McpServer> mcp) {
        JsonObjectBuilder servers = Jsons.JSON.createObjectBuilder();
        int count = 0;
        for (McpServer s : mcp) {
            if (!s.enabled()) {
                continue;
            }
            servers.add(s.name(), switch (s) {
                case McpServer.Local l -> local(l);
                case McpServer.Remote r -> remote(r);
            });
            count++;
        }
        return count == 0 ? null : Jsons.JSON.createObjectBuilder().add("mcpServers", servers).build().toString();
    }

    /** The largest timeout of the enabled servers, for claude's process-wide MCP timeouts. */
    static OptionalLong timeoutMs(List<McpServer> mcp) {
        return mcp.stream().filter(McpServer::enabled).filter(s -> s.timeoutMs() != null)
                .mapToLong(McpServer::timeoutMs).max();
    }

    private static JsonObject local(McpServer.Local server) {
        List<String> argv = server.argv();
        if (server.cwd() != null && !server.cwd().isBlank()) {
            argv = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", server.cwd()));
            argv.addAll(server.argv());
        }
        var args = Jsons.JSON.createArrayBuilder();
        argv.subList(1, argv.size()).forEach(args::add);
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("type", "stdio").add("command", argv.getFirst())
                .add("args", args);
        if (!server.env().isEmpty()) {
            b.add("env", Jsons.JSON.createObjectBuilder(new java.util.LinkedHashMap<String, Object>(server.env())));
        }
        return b.build();
    }

    private static JsonObject remote(McpServer.Remote server) {
        String transport = "sse".equals(server.transport()) ? "sse" : "http";
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("type", transport).add("url", server.url());
        JsonObjectBuilder headers = Jsons.JSON.createObjectBuilder();
        boolean any = false;
        for (Map.Entry<String, String> h : server.headers().entrySet()) {
            headers.add(h.getKey(), h.getValue());
            any = true;
        }
        for (Map.Entry<String, String> h : server.envHeaders().entrySet()) {
            headers.add(h.getKey(), "${" + h.getValue() + "}");
            any = true;
        }
        if (server.bearerTokenEnvVar() != null) {
            headers.add("Authorization", "Bearer ${" + server.bearerTokenEnvVar() + "}");
            any = true;
        }
        if (any) {
            b.add("headers", headers);
        }
        return b.build();
    }
}
