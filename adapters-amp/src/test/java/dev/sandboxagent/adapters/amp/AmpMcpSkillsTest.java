package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.testing.McpTestServer;
import dev.sandboxagent.core.testing.TestAgents;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's MCP servers and skills as the real Amp CLI sees them: {@code amp mcp doctor}
 * connects to the MCP server from the settings the adapter writes (cwd wrapper included) and
 * lists its tool; {@code amp skill list} in the session's directory lists the linked skill.
 * (Amp's model runs on its server, so the fake Amp server is not where tools are observed.)
 */
class AmpMcpSkillsTest {

    private static String amp(AmpTestEnvironment t, Path dir, String... args) throws IOException, InterruptedException {
        Path bin = TestAgents.ensureInstalled(t.adapter).binary();
        List<String> argv = new ArrayList<>(List.of(bin.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(t.environment());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("amp " + String.join(" ", args) + " finished: " + out).isTrue();
        return out;
    }

    @Test
    void ampConnectsToTheSessionsMcpServerAndListsItsSkill() throws Exception {
        try (AmpTestEnvironment t = new AmpTestEnvironment()) {
            Path project = Files.createDirectories(t.work.resolve("project"));
            Path serverDir = Files.createDirectories(t.work.resolve("mcp-cwd"));
            JsonObject mcp = Json.createObjectBuilder().add("probe", Json.createObjectBuilder().add("type", "local")
                    .add("command", Json.createArrayBuilder(McpTestServer.command(t.work.resolve("mcp"))))
                    .add("cwd", serverDir.toString())
                    .add("env", Json.createObjectBuilder().add(McpTestServer.ENV_VAR, "x"))).build();
            Path settings = t.work.resolve("session-settings.json");
            Files.writeString(settings, Jsons.print(AmpSettings.build(JsonValue.EMPTY_JSON_OBJECT, "default",
                    McpServer.parse(mcp), Map.of())));
            String doctor = amp(t, project, "mcp", "doctor", "--settings-file", settings.toString());
            assertThat(doctor).contains("probe").contains("connected").contains(McpTestServer.TOOL);

            Path skill = Files.createDirectories(t.work.resolve("skills-src/release-notes"));
            Files.writeString(skill.resolve("SKILL.md"), "---\nname: release-notes\ndescription: Formats release notes "
                    + "(amp test skill 5e2f)\n---\n\nBullets.\n");
            SessionEngine engine = t.engine();
            try {
                engine.createSession("skills", new CreateSessionRequest(AmpAdapter.ID, null, null, project.toString(), mcp,
                        null, null, Json.createObjectBuilder().add("sources", Json.createArrayBuilder().add(
                        Json.createObjectBuilder().add("type", "local").add("source", skill.toString()))).build(),
                        null, null));
                assertThat(Files.isSymbolicLink(project.resolve(".agents/skills/release-notes"))).isTrue();
                assertThat(amp(t, project, "skill", "list")).contains("release-notes", "amp test skill 5e2f");
            } finally {
                engine.shutdown();
            }
        }
    }
}
