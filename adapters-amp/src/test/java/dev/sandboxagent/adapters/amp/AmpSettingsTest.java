package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.McpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmpSettingsTest {

    private static List<String> rules(JsonObject settings) {
        if (!settings.containsKey("amp.permissions")) {
            return List.of();
        }
        return settings.getJsonArray("amp.permissions").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("action") + " " + r.getString("tool")).toList();
    }

    @Test
    void defaultModeLetsAmpsBuiltInRulesDecide() {
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default", List.of(), Map.of());
        assertThat(s.getBoolean("amp.dangerouslyAllowAll")).isFalse();
        assertThat(rules(s)).isEmpty();
    }

    @Test
    void acceptEditsAllowsEditingTools() {
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "acceptEdits", List.of(), Map.of());
        assertThat(s.getBoolean("amp.dangerouslyAllowAll")).isFalse();
        assertThat(rules(s)).contains("allow edit_file", "allow create_file", "allow apply_patch")
                .allMatch(r -> r.startsWith("allow "));
    }

    @Test
    void planRejectsEditsAndCommands() {
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "plan", List.of(), Map.of());
        assertThat(rules(s)).contains("reject edit_file", "reject create_file", "reject apply_patch",
                "reject shell_command", "reject async_shell_command").allMatch(r -> r.startsWith("reject "));
    }

    @Test
    void bypassAllowsAll() {
        assertThat(AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "bypass", List.of(), Map.of()).getBoolean("amp.dangerouslyAllowAll"))
                .isTrue();
    }

    @Test
    void theUsersSettingsAreKeptAndTheirRulesComeAfterTheSessions() {
        JsonObject user = Json.createObjectBuilder()
                .add("amp.notifications.enabled", false)
                .add("amp.dangerouslyAllowAll", true)
                .add("amp.permissions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("tool", "Read").add("action", "ask")))
                .build();
        JsonObject s = AmpSettings.build(user, "plan", List.of(), Map.of());
        assertThat(s.getBoolean("amp.notifications.enabled")).isFalse();
        assertThat(s.getBoolean("amp.dangerouslyAllowAll")).as("the session's mode wins").isFalse();
        assertThat(rules(s)).first().isEqualTo("reject edit_file");
        assertThat(rules(s)).last().isEqualTo("ask Read");
    }

    @Test
    void mcpServersInAmpsForm() {
        JsonObject mcp = Json.createObjectBuilder()
                .add("files", Json.createObjectBuilder().add("type", "local")
                        .add("command", Json.createArrayBuilder().add("npx").add("-y").add("server-files"))
                        .add("args", Json.createArrayBuilder().add("/data"))
                        .add("env", Json.createObjectBuilder().add("TOKEN", "t")))
                .add("docs", Json.createObjectBuilder().add("type", "remote").add("url", "https://example.com/mcp")
                        .add("headers", Json.createObjectBuilder().add("X-Key", "k")))
                .add("off", Json.createObjectBuilder().add("type", "local").add("command", "off").add("enabled", false))
                .build();
        JsonObject servers = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default", McpServer.parse(mcp), Map.of())
                .getJsonObject("amp.mcpServers");
        assertThat(servers.keySet()).containsExactlyInAnyOrder("files", "docs");
        assertThat(servers.getJsonObject("files").toString())
                .isEqualTo("{\"command\":\"npx\",\"args\":[\"-y\",\"server-files\",\"/data\"],\"env\":{\"TOKEN\":\"t\"}}");
        assertThat(servers.getJsonObject("docs").toString())
                .isEqualTo("{\"url\":\"https://example.com/mcp\",\"headers\":{\"X-Key\":\"k\"}}");
    }

    @Test
    void mcpCwdEnvHeadersAndWhatAmpCannotTake() {
        JsonObject mcp = Json.createObjectBuilder()
                .add("in-dir", Json.createObjectBuilder().add("type", "local").add("command", "serve").add("cwd", "/srv"))
                .add("web", Json.createObjectBuilder().add("type", "remote").add("url", "https://example.com/mcp")
                        .add("transport", "sse").add("envHeaders", Json.createObjectBuilder().add("X-Key", "KEY_VAR"))
                        .add("bearerTokenEnvVar", "TOKEN_VAR"))
                .build();
        JsonObject user = Json.createObjectBuilder().add("amp.mcpServers", Json.createObjectBuilder()
                .add("mine", Json.createObjectBuilder().add("command", "mine"))
                .add("gone", Json.createObjectBuilder().add("command", "gone"))).build();
        JsonObject withOff = Json.createObjectBuilder(mcp).add("gone", Json.createObjectBuilder().add("type", "local")
                .add("command", "gone").add("enabled", false)).build();
        JsonObject servers = AmpSettings.build(user, "default", McpServer.parse(withOff),
                Map.of("KEY_VAR", "key-value", "TOKEN_VAR", "token-value")).getJsonObject("amp.mcpServers");
        assertThat(servers.keySet()).containsExactlyInAnyOrder("mine", "in-dir", "web");
        assertThat(servers.getJsonObject("in-dir").toString())
                .isEqualTo("{\"command\":\"sh\",\"args\":[\"-c\",\"cd \\\"$0\\\" && exec \\\"$@\\\"\",\"/srv\",\"serve\"]}");
        assertThat(servers.getJsonObject("web").toString()).isEqualTo("{\"url\":\"https://example.com/mcp\","
                + "\"headers\":{\"X-Key\":\"key-value\",\"Authorization\":\"Bearer token-value\"}}");
        assertThatThrownBy(() -> AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default", McpServer.parse(mcp), Map.of()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("KEY_VAR");

        JsonObject timeout = Json.createObjectBuilder().add("t", Json.createObjectBuilder().add("type", "local")
                .add("command", "x").add("timeoutMs", 5)).build();
        assertThatThrownBy(() -> new AmpAdapter().checkSessionConfig(McpServer.parse(timeout), List.of()))
                .isInstanceOf(SandboxException.class).hasMessage("amp cannot take mcp['t']: Amp's MCP settings have no "
                        + "timeout; leave 'timeoutMs' out");
        JsonObject oauth = Json.createObjectBuilder().add("o", Json.createObjectBuilder().add("type", "remote")
                .add("url", "https://e/mcp").add("oauth", Json.createObjectBuilder().add("clientId", "c"))).build();
        assertThatThrownBy(() -> new AmpAdapter().checkSessionConfig(McpServer.parse(oauth), List.of()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("OAuth");
    }

    @Test
    void userSettingsComeFromAmpSettingsFileOrHome(@TempDir Path dir) throws Exception {
        Path explicit = dir.resolve("mine.json");
        Files.writeString(explicit, "{\"amp.showCosts\": false}");
        assertThat(AmpSettings.userSettings(Map.of("AMP_SETTINGS_FILE", explicit.toString())).getBoolean("amp.showCosts"))
                .isFalse();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".config/amp"));
        Files.writeString(home.resolve(".config/amp/settings.json"), "{\"amp.updates.mode\": \"disabled\"}");
        assertThat(AmpSettings.userSettings(Map.of("HOME", home.toString())).getString("amp.updates.mode"))
                .isEqualTo("disabled");
        Files.writeString(home.resolve(".config/amp/settings.json"), "{ // comments are not JSON\n}");
        assertThat(AmpSettings.userSettings(Map.of("HOME", home.toString()))).isEmpty();
        assertThat(AmpSettings.userSettings(Map.of("HOME", dir.resolve("nobody").toString()))).isEmpty();
    }
}
