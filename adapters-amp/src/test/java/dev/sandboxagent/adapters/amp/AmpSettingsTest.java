package dev.sandboxagent.adapters.amp;

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
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default", null);
        assertThat(s.getBoolean("amp.dangerouslyAllowAll")).isFalse();
        assertThat(rules(s)).isEmpty();
    }

    @Test
    void acceptEditsAllowsEditingTools() {
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "acceptEdits", null);
        assertThat(s.getBoolean("amp.dangerouslyAllowAll")).isFalse();
        assertThat(rules(s)).contains("allow edit_file", "allow create_file", "allow apply_patch")
                .allMatch(r -> r.startsWith("allow "));
    }

    @Test
    void planRejectsEditsAndCommands() {
        JsonObject s = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "plan", null);
        assertThat(rules(s)).contains("reject edit_file", "reject create_file", "reject apply_patch",
                "reject shell_command", "reject async_shell_command").allMatch(r -> r.startsWith("reject "));
    }

    @Test
    void bypassAllowsAll() {
        assertThat(AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "bypass", null).getBoolean("amp.dangerouslyAllowAll"))
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
        JsonObject s = AmpSettings.build(user, "plan", null);
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
        JsonObject servers = AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default", mcp).getJsonObject("amp.mcpServers");
        assertThat(servers.keySet()).containsExactlyInAnyOrder("files", "docs");
        assertThat(servers.getJsonObject("files").toString())
                .isEqualTo("{\"command\":\"npx\",\"args\":[\"-y\",\"server-files\",\"/data\"],\"env\":{\"TOKEN\":\"t\"}}");
        assertThat(servers.getJsonObject("docs").toString())
                .isEqualTo("{\"url\":\"https://example.com/mcp\",\"headers\":{\"X-Key\":\"k\"}}");
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
