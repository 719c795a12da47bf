package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.McpServer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A session's MCP servers, added to OpenCode's instance for the session's directory with
 * {@code POST /mcp} (OpenCode's own {@code McpLocalConfig} / {@code McpRemoteConfig}): local
 * servers with their command line, {@code environment}, {@code cwd} and {@code timeout};
 * remote ones with their headers, where {@code envHeaders} and {@code bearerTokenEnvVar} are
 * filled in from the daemon's environment (OpenCode's API takes values, not variable names).
 * OpenCode picks streamable HTTP or SSE by itself, so {@code transport} needs no mapping.
 * <p>
 * One OpenCode server serves every session, and its MCP servers belong to a directory, not a
 * session: sessions in the same directory see each other's MCP servers. A second session
 * that names a server already added there with another config is refused rather than
 * silently replacing the first one's. An OAuth login needs a browser and is refused.
 */
final class OpencodeMcp {

    private OpencodeMcp() {
    }

    static void check(List<McpServer> servers) {
        for (McpServer s : servers) {
            if (s instanceof McpServer.Remote r && r.enabled() && r.wantsOauth()) {
                throw McpServer.unsupported(OpencodeAdapter.ID, s, "an OAuth login needs a browser, which a headless "
                        + "session has not; pass a token with 'headers', 'envHeaders' or 'bearerTokenEnvVar' "
                        + "(or set 'oauth' to false)");
            }
        }
    }

    /** OpenCode's config for one server; {@code env} is the daemon's environment, for env headers. */
    static JsonObject config(McpServer server, Map<String, String> env) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        switch (server) {
            case McpServer.Local l -> {
                JsonArrayBuilder command = Jsons.JSON.createArrayBuilder();
                l.argv().forEach(command::add);
                b.add("type", "local").add("command", command);
                if (!l.env().isEmpty()) {
                    JsonObjectBuilder e = Jsons.JSON.createObjectBuilder();
                    l.env().forEach(e::add);
                    b.add("environment", e);
                }
                if (l.cwd() != null && !l.cwd().isBlank()) {
                    b.add("cwd", l.cwd());
                }
            }
            case McpServer.Remote r -> {
                b.add("type", "remote").add("url", r.url());
                JsonObjectBuilder headers = Jsons.JSON.createObjectBuilder();
                boolean any = false;
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    headers.add(h.getKey(), h.getValue());
                    any = true;
                }
                for (Map.Entry<String, String> h : r.envHeaders().entrySet()) {
                    headers.add(h.getKey(), variable(env, r, h.getValue(), "envHeaders['" + h.getKey() + "']"));
                    any = true;
                }
                if (r.bearerTokenEnvVar() != null) {
                    headers.add("Authorization", "Bearer " + variable(env, r, r.bearerTokenEnvVar(), "bearerTokenEnvVar"));
                    any = true;
                }
                if (any) {
                    b.add("headers", headers);
                }
                b.add("oauth", false);
            }
        }
        b.add("enabled", server.enabled());
        if (server.timeoutMs() != null && server.timeoutMs() > 0) {
            b.add("timeout", server.timeoutMs());
        }
        return b.build();
    }

    private static String variable(Map<String, String> env, McpServer server, String name, String field) {
        String value = env.get(name);
        if (value == null) {
            throw SandboxException.invalid("mcp['" + server.name() + "']." + field + " names the environment variable "
                    + name + ", which the daemon's environment does not have");
        }
        return value;
    }

    /**
     * Adds the servers to the run's instance for {@code directory}. A server this run already
     * has there with the same config is kept; with another config, refused. A server OpenCode
     * reports as failed is an error naming OpenCode's reason.
     */
    static void register(OpencodeServer.Run run, String directory, List<McpServer> servers, Map<String, String> env)
            throws IOException, InterruptedException {
        for (McpServer server : servers) {
            JsonObject config = config(server, env);
            String key = directory + "\u0000" + server.name();
            synchronized (run.mcp) {
                JsonObject before = run.mcp.get(key);
                if (before != null) {
                    if (before.equals(config)) {
                        continue;
                    }
                    throw SandboxException.invalid("opencode already has an MCP server named '" + server.name()
                            + "' with another config for " + directory + " (added by another session: OpenCode's MCP "
                            + "servers belong to a directory); give this one another name");
                }
                JsonValue status = run.client.post("/mcp", directory, Jsons.JSON.createObjectBuilder()
                        .add("name", server.name()).add("config", config).build());
                run.mcp.put(key, config);
                String failure = failure(status, server.name());
                if (failure != null) {
                    throw SandboxException.invalid("opencode could not start MCP server '" + server.name() + "': "
                            + failure);
                }
            }
        }
    }

    /** The error of a failed server in {@code POST /mcp}'s status map, or null. */
    static String failure(JsonValue status, String name) {
        if (status instanceof JsonObject all && all.get(name) instanceof JsonObject s
                && "failed".equals(Jsons.string(s, "status"))) {
            String error = Jsons.string(s, "error");
            return error == null ? "failed" : error;
        }
        return null;
    }
}
