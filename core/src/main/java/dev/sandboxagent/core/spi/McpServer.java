package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.error.SandboxException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP server of a session's {@code mcp} config (the contract's McpServerConfig), read and
 * checked once so that adapters translate typed values: a {@link Local} server is a command the
 * agent runs over stdio, a {@link Remote} one a URL. Fields the contract marks optional are
 * null (or empty) when absent. Keys the contract does not know are ignored.
 */
public sealed interface McpServer permits McpServer.Local, McpServer.Remote {

    /** The name the client gave the server (the key of the {@code mcp} object). */
    String name();

    /** False when the client listed the server but turned it off; adapters leave it out. */
    boolean enabled();

    /** The client's timeout in milliseconds, or null. */
    Long timeoutMs();

    /**
     * A stdio server: {@code command} is the contract's McpCommand as a list (a string is one
     * element; an array is the program followed by its first arguments), {@code args} come after it.
     */
    record Local(String name, List<String> command, List<String> args, Map<String, String> env, String cwd,
                 boolean enabled, Long timeoutMs) implements McpServer {
        public Local {
            command = List.copyOf(command);
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }

        /** The whole command line: program, then every argument. */
        public List<String> argv() {
            List<String> all = new ArrayList<>(command);
            all.addAll(args);
            return all;
        }
    }

    /**
     * An HTTP server. {@code transport} is "http" (streamable HTTP), "sse", or null (the
     * agent's default); {@code envHeaders} maps header names to environment variable names;
     * {@code oauth} is null, {@code JsonValue.FALSE} (OAuth off), {@code TRUE}, or an object
     * (McpOAuthConfig).
     */
    record Remote(String name, String url, String transport, Map<String, String> headers,
                  Map<String, String> envHeaders, String bearerTokenEnvVar, JsonValue oauth, boolean enabled,
                  Long timeoutMs) implements McpServer {
        public Remote {
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            envHeaders = envHeaders == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(envHeaders));
        }

        /** Whether the client asks for an OAuth login (true or a client config), which needs a browser. */
        public boolean wantsOauth() {
            return oauth != null && oauth != JsonValue.FALSE && oauth != JsonValue.NULL;
        }
    }

    /**
     * The servers of a session's {@code mcp} object, in the client's order; empty for null.
     * A malformed entry is an invalid_request {@link SandboxException} naming the field.
     */
    static List<McpServer> parse(JsonObject mcp) {
        if (mcp == null) {
            return List.of();
        }
        List<McpServer> out = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : mcp.entrySet()) {
            String name = e.getKey();
            String where = "mcp['" + name + "']";
            if (name.isBlank()) {
                throw SandboxException.invalid("mcp server names must not be blank");
            }
            if (!(e.getValue() instanceof JsonObject server)) {
                throw SandboxException.invalid(where + " must be an object");
            }
            String type = optString(server, "type", where);
            boolean enabled = optBoolean(server, "enabled", where, true);
            Long timeout = optTimeout(server, where);
            if ("local".equals(type)) {
                JsonValue command = server.get("command");
                List<String> cmd;
                if (command instanceof JsonString s && !s.getString().isBlank()) {
                    cmd = List.of(s.getString());
                } else if (command instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(v -> v instanceof JsonString)
                        && !((JsonString) a.getFirst()).getString().isBlank()) {
                    cmd = a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
                } else {
                    throw SandboxException.invalid(where + ".command must be a non-empty string or array of strings");
                }
                out.add(new Local(name, cmd, optStrings(server, "args", where), optStringMap(server, "env", where),
                        optString(server, "cwd", where), enabled, timeout));
            } else if ("remote".equals(type)) {
                String url = optString(server, "url", where);
                if (url == null || url.isBlank()) {
                    throw SandboxException.invalid(where + ".url must be a string");
                }
                String transport = optString(server, "transport", where);
                if (transport != null && !transport.equals("http") && !transport.equals("sse")) {
                    throw SandboxException.invalid(where + ".transport must be \"http\" or \"sse\"");
                }
                JsonValue oauth = server.get("oauth");
                if (oauth != null && oauth != JsonValue.NULL && oauth != JsonValue.TRUE && oauth != JsonValue.FALSE
                        && !(oauth instanceof JsonObject)) {
                    throw SandboxException.invalid(where + ".oauth must be an object or a boolean");
                }
                out.add(new Remote(name, url, transport, optStringMap(server, "headers", where),
                        optStringMap(server, "envHeaders", where), optString(server, "bearerTokenEnvVar", where),
                        oauth == JsonValue.NULL ? null : oauth, enabled, timeout));
            } else {
                throw SandboxException.invalid(where + ".type must be \"local\" or \"remote\"");
            }
        }
        return List.copyOf(out);
    }

    /** The invalid_request an adapter throws for a piece of MCP config its agent cannot take. */
    static SandboxException unsupported(String agent, McpServer server, String what) {
        return SandboxException.invalid(agent + " cannot take mcp['" + server.name() + "']: " + what);
    }

    private static String optString(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw SandboxException.invalid(where + "." + key + " must be a string");
        }
        return s.getString();
    }

    private static boolean optBoolean(JsonObject o, String key, String where, boolean fallback) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return fallback;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw SandboxException.invalid(where + "." + key + " must be true or false");
    }

    private static Long optTimeout(JsonObject o, String where) {
        JsonValue v = o.get("timeoutMs");
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
            throw SandboxException.invalid(where + ".timeoutMs must be a whole number of milliseconds >= 0");
        }
        return n.longValue();
    }

    private static List<String> optStrings(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || !a.stream().allMatch(x -> x instanceof JsonString)) {
            throw SandboxException.invalid(where + "." + key + " must be an array of strings");
        }
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Map<String, String> optStringMap(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Map.of();
        }
        if (!(v instanceof JsonObject m) || !m.values().stream().allMatch(x -> x instanceof JsonString)) {
            throw SandboxException.invalid(where + "." + key + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, s) -> out.put(k, ((JsonString) s).getString()));
        return out;
    }
}
