package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.SessionUsage;
import dev.sandboxagent.core.spi.TurnUsage;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static dev.sandboxagent.core.json.JsonFields.optLong;
import static dev.sandboxagent.core.json.JsonFields.optObject;
import static dev.sandboxagent.core.json.JsonFields.optString;
import static dev.sandboxagent.core.json.JsonFields.putIfPresent;
import static dev.sandboxagent.core.json.JsonFields.requireString;

/**
 * What the engine stores beside a session's log to bring the session back after a restart: the
 * request it was created with, the settings the engine resolved from it, and its usage so far
 * (rewritten at each turn end; null in metadata written before usage was kept).
 */
record SessionMeta(String agent, String agentMode, String permissionMode, String directory, long createdAt,
                   CreateSessionRequest request, SessionUsage usage) {

    static SessionMeta of(Session s) {
        return new SessionMeta(s.agent, s.agentMode, s.permissionMode, s.directory, s.createdAt, s.config, s.usage());
    }

    byte[] toJson() {
        CreateSessionRequest r = request;
        JsonObjectBuilder req = Jsons.JSON.createObjectBuilder();
        putIfPresent(req, "agent", r.agent());
        putIfPresent(req, "agent_mode", r.agentMode());
        putIfPresent(req, "agent_version", r.agentVersion());
        putIfPresent(req, "directory", r.directory());
        putIfPresent(req, "mcp", r.mcp());
        putIfPresent(req, "model", r.model());
        putIfPresent(req, "permission_mode", r.permissionMode());
        putIfPresent(req, "skills", r.skills());
        putIfPresent(req, "title", r.title());
        putIfPresent(req, "variant", r.variant());
        putIfPresent(req, "native_session_id", r.nativeSessionId());
        putIfPresent(req, "turn_idle_timeout_ms", r.turnIdleTimeoutMs());
        JsonObjectBuilder meta = Jsons.JSON.createObjectBuilder().add("agent", agent).add("agent_mode", agentMode)
                .add("permission_mode", permissionMode).add("directory", directory).add("created_at", createdAt)
                .add("request", req);
        if (usage != null) {
            JsonObjectBuilder u = Jsons.JSON.createObjectBuilder().add("turns", usage.turns())
                    .add("input_tokens", usage.inputTokens()).add("output_tokens", usage.outputTokens())
                    .add("cached_tokens", usage.cachedTokens()).add("turn_wall_ms", usage.turnWallMs());
            if (usage.costUsd() != null) {
                u.add("cost_usd", usage.costUsd());
            }
            meta.add("usage", u);
        }
        return meta.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static SessionUsage usageOf(JsonObject u) {
        if (u == null) {
            return null;
        }
        return new SessionUsage(TurnUsage.count(u, "turns"), TurnUsage.count(u, "input_tokens"),
                TurnUsage.count(u, "output_tokens"), TurnUsage.count(u, "cached_tokens"),
                TurnUsage.decimal(u, "cost_usd"), TurnUsage.count(u, "turn_wall_ms"), 0);
    }

    static SessionMeta fromJson(byte[] json) {
        try (JsonReader reader = Jsons.JSON.createReader(new ByteArrayInputStream(json))) {
            JsonObject o = reader.readObject();
            JsonObject r = optObject(o, "request");
            if (r == null) {
                throw new IllegalArgumentException("missing object 'request'");
            }
            CreateSessionRequest request = new CreateSessionRequest(optString(r, "agent"), optString(r, "agent_mode"),
                    optString(r, "agent_version"), optString(r, "directory"), optObject(r, "mcp"),
                    optString(r, "model"), optString(r, "permission_mode"), optObject(r, "skills"),
                    optString(r, "title"), optString(r, "variant"), optString(r, "native_session_id"),
                    optLong(r, "turn_idle_timeout_ms"));
            Long created = optLong(o, "created_at");
            return new SessionMeta(requireString(o, "agent"), requireString(o, "agent_mode"),
                    requireString(o, "permission_mode"), requireString(o, "directory"),
                    created == null ? 0 : created, request, usageOf(optObject(o, "usage")));
        }
    }
}
