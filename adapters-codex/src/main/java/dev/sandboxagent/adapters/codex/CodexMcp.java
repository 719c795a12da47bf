package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.spi.McpServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A session's MCP servers as codex config overrides, one {@code -c mcp_servers.NAME={...}}
 * per server (a TOML inline table, so servers from the user's own {@code config.toml} stay,
 * and a same-named one is replaced): local servers with {@code command}, {@code args},
 * {@code env} and {@code cwd}; remote ones (codex speaks streamable HTTP) with {@code url},
 * {@code http_headers}, {@code env_http_headers} and {@code bearer_token_env_var}; both with
 * {@code enabled} and, from {@code timeoutMs}, {@code startup_timeout_sec} and
 * {@code tool_timeout_sec}. Refused: server names codex's config cannot key (it allows
 * letters, digits, '_' and '-'), SSE servers (codex has no SSE transport) and OAuth logins
 * (they need {@code codex mcp login} in a browser).
 */
final class CodexMcp {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private CodexMcp() {
    }

    static void check(List<McpServer> servers) {
        for (McpServer s : servers) {
            if (!NAME.matcher(s.name()).matches()) {
                throw McpServer.unsupported(CodexAdapter.ID, s, "codex's MCP server names may hold only letters, "
                        + "digits, '_' and '-'");
            }
            if (s instanceof McpServer.Remote r && r.enabled()) {
                if ("sse".equals(r.transport())) {
                    throw McpServer.unsupported(CodexAdapter.ID, s, "codex speaks streamable HTTP to MCP servers, "
                            + "not SSE; use \"transport\": \"http\" with a streamable HTTP endpoint");
                }
                if (r.wantsOauth()) {
                    throw McpServer.unsupported(CodexAdapter.ID, s, "an OAuth login needs 'codex mcp login' in a "
                            + "browser; pass a token with 'headers', 'envHeaders' or 'bearerTokenEnvVar' "
                            + "(or set 'oauth' to false)");
                }
            }
        }
    }

    /** The {@code -c} arguments, in pairs ("-c", "mcp_servers.NAME={...}"). */
    static List<String> overrides(List<McpServer> servers) {
        List<String> out = new ArrayList<>();
        for (McpServer s : servers) {
            StringBuilder t = new StringBuilder("{");
            switch (s) {
                case McpServer.Local l -> {
                    List<String> argv = l.argv();
                    entry(t, "command", string(argv.getFirst()));
                    entry(t, "args", array(argv.subList(1, argv.size())));
                    if (!l.env().isEmpty()) {
                        entry(t, "env", table(l.env()));
                    }
                    if (l.cwd() != null && !l.cwd().isBlank()) {
                        entry(t, "cwd", string(l.cwd()));
                    }
                }
                case McpServer.Remote r -> {
                    entry(t, "url", string(r.url()));
                    if (!r.headers().isEmpty()) {
                        entry(t, "http_headers", table(r.headers()));
                    }
                    if (!r.envHeaders().isEmpty()) {
                        entry(t, "env_http_headers", table(r.envHeaders()));
                    }
                    if (r.bearerTokenEnvVar() != null) {
                        entry(t, "bearer_token_env_var", string(r.bearerTokenEnvVar()));
                    }
                }
            }
            entry(t, "enabled", Boolean.toString(s.enabled()));
            if (s.timeoutMs() != null) {
                String seconds = Double.toString(s.timeoutMs() / 1000.0);
                entry(t, "startup_timeout_sec", seconds);
                entry(t, "tool_timeout_sec", seconds);
            }
            t.append('}');
            out.add("-c");
            out.add("mcp_servers." + s.name() + "=" + t);
        }
        return out;
    }

    private static void entry(StringBuilder t, String key, String value) {
        if (t.length() > 1) {
            t.append(", ");
        }
        t.append(key).append(" = ").append(value);
    }

    private static String table(Map<String, String> map) {
        StringBuilder t = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (t.length() > 1) {
                t.append(", ");
            }
            t.append(string(k)).append(" = ").append(string(v));
        });
        return t.append('}').toString();
    }

    private static String array(List<String> items) {
        StringBuilder a = new StringBuilder("[");
        for (String s : items) {
            if (a.length() > 1) {
                a.append(", ");
            }
            a.append(string(s));
        }
        return a.append(']').toString();
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
